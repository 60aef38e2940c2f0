using System.Reactive;
using System.Reactive.Linq;
using Serilog;
using Streams.Core;
using Streams.Devices.Jbd;
using Streams.Devices.Jbd.Ble;

namespace Streams.Composition;

/// <summary>
/// Routes Home Assistant's switch commands to the poller that owns the device's connection, so a
/// MOSFET write shares the BLE link (and its one-at-a-time turn) with the polls. The poller's re-read
/// after the command, which flows through the normal reading path, is the state Home Assistant sees.
/// </summary>
internal sealed class DeviceCommandRouter(IObservable<SwitchCommand> commands, ILogger log)
{
    /// <summary>The commands for <paramref name="device"/>.</summary>
    public IObservable<SwitchCommand> For(string device) => commands.Where(c => c.Device == device);

    /// <summary>
    /// Carries <paramref name="device"/>'s commands to <paramref name="poller"/>, one after the other
    /// (<c>Concat</c>: a command starts when the one before it, re-read included, is done). A failed or
    /// refused command is logged; the next one still runs.
    /// </summary>
    public IObservable<Unit> Drive(string device, JbdBlePoller poller) =>
        For(device)
            .Select(command => Observable
                .FromAsync(token => poller.SetMosfetsAsync(Target(command, JbdFields.ChargeMosfet), Target(command, JbdFields.DischargeMosfet)).WaitAsync(token))
                .Catch((Exception e) =>
                {
                    log.Error("{Device:l}: {Switch:l} {State:l} failed: {Reason:l}", command.Device, command.Switch, command.On ? "ON" : "OFF", e.Message);
                    return Observable.Empty<Unit>();
                }))
            .Concat();

    /// <summary>The command's state for <paramref name="mosfet"/>, null to leave that MOSFET as it is.</summary>
    private static bool? Target(SwitchCommand command, FieldSpec mosfet) => command.Switch == mosfet.Key ? command.On : null;
}
