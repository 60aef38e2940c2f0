using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Streams.Sources.DBus;

namespace Streams.Sources.Bluetooth;

/// <summary>Discovery on one adapter for a while: what <c>streams scan</c> lists.</summary>
public static class BlueZScanner
{
    /// <summary>
    /// Runs discovery on <paramref name="adapter"/> for <paramref name="duration"/> and returns every
    /// device the adapter then knows, strongest signal first, with the RSSI last reported during the scan.
    /// </summary>
    /// <param name="adapter">The adapter name, e.g. <c>hci0</c>.</param>
    /// <param name="duration">How long discovery runs.</param>
    /// <param name="scheduler">Runs the wait.</param>
    /// <param name="bus">The bus BlueZ is on; null: the system bus.</param>
    /// <param name="cancellationToken">Ends the scan early (discovery is still stopped).</param>
    /// <exception cref="BleUnavailableException">no system bus, BlueZ not running, or no such adapter.</exception>
    public static async Task<IReadOnlyList<BleDeviceSighting>> ScanAsync(
        string adapter, TimeSpan duration, IScheduler scheduler, DBusAddress? bus = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(adapter);
        ArgumentNullException.ThrowIfNull(scheduler);
        await using var connection = await BlueZSystem.ConnectBusAsync(bus, scheduler, BlueZLink.CallTimeout, cancellationToken).ConfigureAwait(false);
        var adapterPath = BlueZ.AdapterPath(adapter);
        var before = await BlueZSystem.ManagedObjectsAsync(connection, BlueZLink.CallTimeout, cancellationToken).ConfigureAwait(false);
        if (!BlueZObjects.HasAdapter(before, adapterPath))
        {
            var known = before.Where(o => o.Value.ContainsKey(BlueZ.Adapter)).Select(o => o.Key[(o.Key.LastIndexOf('/') + 1)..]).ToList();
            throw new BleUnavailableException(
                $"Bluetooth adapter {adapter} not found ({(known.Count == 0 ? "BlueZ has no adapter" : "adapters: " + string.Join(", ", known))})");
        }

        var signal = new Dictionary<string, short>(StringComparer.Ordinal);
        using var rssiWatch = connection.PropertiesChanged(BlueZ.Service, adapterPath, BlueZ.Device)
            .Subscribe(
                change =>
                {
                    if (BlueZObjects.Rssi(change.Changed) is { } rssi)
                    {
                        lock (signal)
                        {
                            signal[change.Path] = rssi;
                        }
                    }
                },
                static _ => { });
        await Call(connection, adapterPath, "StartDiscovery", cancellationToken).ConfigureAwait(false);
        try
        {
            await Observable.Timer(duration, scheduler).ToTask(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                await Call(connection, adapterPath, "StopDiscovery", CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception error) when (error is DBusException or TimeoutException)
            {
                // Discovery stops by itself when our connection goes away.
            }
        }

        var after = await BlueZSystem.ManagedObjectsAsync(connection, BlueZLink.CallTimeout, cancellationToken).ConfigureAwait(false);
        lock (signal)
        {
            return [.. BlueZObjects.Devices(after, adapterPath)
                .Select(d => signal.TryGetValue(d.Path, out var rssi) ? d.Sighting with { Rssi = rssi } : d.Sighting)
                .OrderByDescending(s => s.Rssi ?? short.MinValue)
                .ThenBy(s => s.Address, StringComparer.Ordinal)];
        }
    }

    private static async Task Call(DBusConnection connection, string adapterPath, string member, CancellationToken cancellationToken)
    {
        try
        {
            await connection.CallAsync(DBusMessage.MethodCall(BlueZ.Service, adapterPath, BlueZ.Adapter, member), BlueZLink.CallTimeout, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (DBusErrorException error) when (error.ErrorName == "org.bluez.Error.InProgress")
        {
        }
    }
}
