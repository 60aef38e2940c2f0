using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Streams.Transports.Bluetooth.Proxies;
using Tmds.DBus.Protocol;

namespace Streams.Transports.Bluetooth;

/// <summary>Discovery on one adapter for a while: what <c>streams scan</c> lists.</summary>
public static class BlueZScanner
{
    /// <summary>
    /// Runs LE discovery on <paramref name="adapter"/> for <paramref name="duration"/> and returns every
    /// device the adapter then knows, strongest signal first, with the RSSI last reported during the scan.
    /// </summary>
    /// <param name="adapter">The adapter name, e.g. <c>hci0</c>.</param>
    /// <param name="duration">How long discovery runs.</param>
    /// <param name="scheduler">Runs the wait.</param>
    /// <param name="busAddress">The D-Bus address BlueZ is on; null: the system bus.</param>
    /// <param name="cancellationToken">Ends the scan early (discovery is still stopped).</param>
    /// <exception cref="BleUnavailableException">no system bus, BlueZ not running, no such adapter, or BlueZ refused
    /// to discover; the message is one line.</exception>
    public static async Task<IReadOnlyList<BleDeviceSighting>> ScanAsync(
        string adapter, TimeSpan duration, IScheduler scheduler, string? busAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(adapter);
        ArgumentNullException.ThrowIfNull(scheduler);
        using var bus = await BlueZBus.ConnectAsync(busAddress, BlueZCall.Timeout, cancellationToken).ConfigureAwait(false);
        try
        {
            return await ScanAsync(bus, adapter, duration, scheduler, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is BlueZErrorException or TimeoutException or BleLinkLostException or InvalidDataException)
        {
            throw new BleUnavailableException(error.Message, error);
        }
    }

    private static async Task<IReadOnlyList<BleDeviceSighting>> ScanAsync(
        DBusConnection bus, string adapter, TimeSpan duration, IScheduler scheduler, CancellationToken cancellationToken)
    {
        var adapterPath = BlueZ.AdapterPath(adapter);
        var before = await BlueZBus.ManagedObjectsAsync(bus, cancellationToken).ConfigureAwait(false);
        if (!before.HasAdapter(adapterPath))
        {
            var known = before.AdapterNames();
            throw new BleUnavailableException(
                $"Bluetooth adapter {adapter} not found ({(known.Count == 0 ? "BlueZ has no adapter" : "adapters: " + string.Join(", ", known))})");
        }

        var signal = new Dictionary<string, short>(StringComparer.Ordinal);
        using var rssiWatch = await new PropertiesProxy(bus).WatchChangesAsync(
            adapterPath,
            BlueZ.Device,
            below: true,
            change =>
            {
                if (BlueZProperties.Rssi(change.Changed) is { } rssi)
                {
                    lock (signal)
                    {
                        signal[change.Path] = rssi;
                    }
                }
            },
            static _ => { }).ConfigureAwait(false);
        var discovery = new Adapter1Proxy(bus, adapterPath);
        await BlueZDiscovery.StartAsync(discovery, cancellationToken).ConfigureAwait(false);
        try
        {
            await Observable.Timer(duration, scheduler).ToTask(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await BlueZDiscovery.StopAsync(discovery).ConfigureAwait(false);
        }

        var after = await BlueZBus.ManagedObjectsAsync(bus, cancellationToken).ConfigureAwait(false);
        lock (signal)
        {
            return [.. after.Devices(adapterPath)
                .Select(d => signal.TryGetValue(d.Path, out var rssi) ? d.Sighting with { Rssi = rssi } : d.Sighting)
                .OrderByDescending(s => s.Rssi ?? short.MinValue)
                .ThenBy(s => s.Address, StringComparer.Ordinal)];
        }
    }
}
