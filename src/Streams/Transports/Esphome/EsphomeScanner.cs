using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Streams.Transports.Bluetooth;

namespace Streams.Transports.Esphome;

/// <summary>What an ESPHome Bluetooth proxy hears for a while: what <c>streams scan --esphome</c> lists.</summary>
public static class EsphomeScanner
{
    /// <summary>
    /// Connects to the proxy's API, subscribes to its advertisements for <paramref name="duration"/> and
    /// returns every device heard, strongest signal first: the name from whichever advertisement or scan
    /// response carried one, the last RSSI and every service UUID advertised.
    /// </summary>
    /// <param name="host">The proxy's host name or address.</param>
    /// <param name="port">Its API port (6053).</param>
    /// <param name="encryptionKey">The base64 API encryption key; null for a plaintext proxy.</param>
    /// <param name="duration">How long to listen.</param>
    /// <param name="scheduler">Runs the wait and the connection's timeouts.</param>
    /// <param name="cancellationToken">Ends the scan early.</param>
    /// <exception cref="FormatException"><paramref name="encryptionKey"/> is not base64 of 32 bytes (the message does not repeat it).</exception>
    /// <exception cref="BleUnavailableException">The proxy is unreachable, refused the key, wants one, does not use one, is no
    /// Bluetooth proxy, or closed the connection during the scan; one line.</exception>
    public static async Task<IReadOnlyList<BleDeviceSighting>> ScanAsync(
        string host, int port, string? encryptionKey, TimeSpan duration, IScheduler scheduler, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentNullException.ThrowIfNull(scheduler);
        var endpoint = new EsphomeEndpoint(host, port, encryptionKey is null ? null : EsphomeEndpoint.DecodeKey(encryptionKey));
        var proxy = new EsphomeProxy(endpoint, new EsphomeProxyOptions(Serilog.Core.Logger.None), scheduler);
        var heard = new Dictionary<ulong, BleAdvertisement>();
        try
        {
            // The held subscription keeps the one connection open from the first state to the end of the scan.
            var states = proxy.States.Replay(1);
            using var connection = states.Connect();
            var session = await states
                .Where(state => state is not ProxyState.Connecting)
                .Take(1)
                .Select(state => state is ProxyState.Up up ? up.Session : throw ((ProxyState.Down)state).Reason)
                .ToTask(cancellationToken).ConfigureAwait(false);
            await session.Advertisements
                .TakeUntil(Observable.Timer(duration, scheduler))
                .Do(advertisement => heard[advertisement.Address] = Merged(heard.GetValueOrDefault(advertisement.Address), advertisement))
                .DefaultIfEmpty()
                .ToTask(cancellationToken).ConfigureAwait(false);
        }
        catch (EsphomeApiException error)
        {
            throw new BleUnavailableException(error.Message, error);
        }

        return [.. heard.Values.OrderByDescending(a => a.Rssi).ThenBy(a => a.Address).Select(a => a.ToSighting())];
    }

    /// <summary>The latest signal, and what any advertisement of the device said (names often come only in the scan response).</summary>
    private static BleAdvertisement Merged(BleAdvertisement? before, BleAdvertisement now) =>
        before is null
            ? now
            : now with
            {
                Name = now.Name ?? before.Name,
                ServiceUuids = [.. before.ServiceUuids.Union(now.ServiceUuids, StringComparer.OrdinalIgnoreCase)],
            };
}
