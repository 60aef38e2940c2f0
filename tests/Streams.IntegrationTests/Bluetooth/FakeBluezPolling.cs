using System.Reactive.Concurrency;
using Serilog;
using System.Reactive.Linq;
using Streams.Core;
using Streams.Polling;
using Streams.Devices.Jbd.Ble;
using Streams.Transports.Bluetooth;

namespace Streams.IntegrationTests.Bluetooth;

/// <summary>The JBD BLE poller over a BlueZLink pointed at a <see cref="FakeBluez"/>, with short bounds.</summary>
internal static class FakeBluezPolling
{
    /// <summary>Bound of every wait for a poll.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    public static BlueZLink Link(FakeBluez bluez) =>
        new("hci0", FakeBluez.Mac, JbdGattProfile.Profile, DefaultScheduler.Instance, bluez.Address)
        {
            DiscoveryTimeout = TimeSpan.FromSeconds(5),
            ServicesTimeout = TimeSpan.FromSeconds(5),
        };

    public static IObservable<PackPoll> Polls(
        IBleLink link, IObservable<SwitchCommand>? commands = null, bool allowControl = false, string? password = null, ILogger? log = null) =>
        JbdBlePoller.Polls(
            link,
            new JbdBleOptions("bms1", FakeBluez.Mac, password is null ? null : new Secret(password), allowControl,
                TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))
            {
                ConnectTimeout = TimeSpan.FromSeconds(10),
            },
            commands ?? Observable.Never<SwitchCommand>(),
            DefaultScheduler.Instance,
            new PollerOptions(log ?? Serilog.Core.Logger.None));
}
