using System.Reactive.Linq;
using System.Reactive.Subjects;
using Streams.Core;
using Streams.Devices.Jbd;
using Streams.HomeAssistant;
using SwitchCommand = Streams.Core.SwitchCommand;

namespace Streams.Composition;

/// <summary>
/// Carries Home Assistant's switch commands to the pollers as one stream of <see cref="SwitchCommand"/>s;
/// each controllable poller takes the ones for its device. The poller's re-read after a command is
/// the state that flows on, through the poll stream like any other reading.
/// </summary>
/// <remarks>
/// Home Assistant's side still calls this through <see cref="IDeviceCommands"/>, a task-shaped API, so
/// the subject here is the callback edge where those calls enter the pipeline. The calls complete as
/// soon as the command is queued; a failure is the poller's to log.
/// </remarks>
internal sealed class DeviceCommandRouter : IDeviceCommands, IDisposable
{
    private readonly Subject<SwitchCommand> _commands = new();

    public IObservable<SwitchCommand> Commands => _commands.AsObservable();

    public Task SetMosfetsAsync(string device, bool? charge, bool? discharge, CancellationToken cancellationToken)
    {
        if (charge is { } chargeOn)
        {
            _commands.OnNext(new SwitchCommand(device, JbdSwitches.ChargeMosfet.Key, chargeOn));
        }

        if (discharge is { } dischargeOn)
        {
            _commands.OnNext(new SwitchCommand(device, JbdSwitches.DischargeMosfet.Key, dischargeOn));
        }

        return Task.CompletedTask;
    }

    /// <summary>Nothing to read here: the re-read arrives as a poll.</summary>
    public Task<Reading?> ReadNowAsync(string device, CancellationToken cancellationToken) => Task.FromResult<Reading?>(null);

    public void Dispose() => _commands.Dispose();
}
