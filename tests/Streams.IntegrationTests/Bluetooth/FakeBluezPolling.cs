using System.Reactive.Concurrency;
using Serilog;
using Streams.Config;
using Streams.Polling;
using Streams.Protocols.Jbd;
using Streams.Sources.Bluetooth;

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

    public static JbdBlePoller Poller(IBleLink link, bool allowControl = false, string? password = null, ILogger? log = null) =>
        new(
            link,
            new JbdBleSourceConfig(
                FakeBluez.Mac, "bms1", "hci0", password is null ? null : new Secret(password), allowControl,
                TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)),
            DefaultScheduler.Instance,
            new PollerOptions(log ?? Serilog.Core.Logger.None))
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
}
