using System.Collections.Concurrent;
using System.Reactive.Concurrency;
using Serilog;
using Streams.Config.Model;
using Streams.Transports.Esphome;

namespace Streams.Composition;

/// <summary>
/// The ESPHome proxies of one run: one <see cref="EsphomeProxy"/> (one API connection) per
/// <c>host:port</c>, whichever source names it first. A proxy connects when its first link does and
/// closes when the last link using it is disposed, so at shutdown once every source has stopped.
/// </summary>
/// <remarks>
/// Sharing is not optional: a proxy sends Bluetooth replies only to the API client that subscribed to
/// advertisements last, so two connections from us would take the replies from each other.
/// </remarks>
internal sealed class EsphomeProxies
{
    private readonly ConcurrentDictionary<string, Lazy<EsphomeProxy>> _proxies = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The proxy at <paramref name="config"/>'s endpoint; the loader made sure every source names it with the same key.</summary>
    public EsphomeProxy For(EsphomeProxyConfig config, IScheduler scheduler, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(config);
        return _proxies.GetOrAdd(config.Endpoint, _ => new Lazy<EsphomeProxy>(() => new EsphomeProxy(Endpoint(config), new EsphomeProxyOptions(log), scheduler))).Value;
    }

    public static EsphomeEndpoint Endpoint(EsphomeProxyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new EsphomeEndpoint(
            config.Host,
            config.Port,
            config.EncryptionKey is { } key ? EsphomeEndpoint.DecodeKey(key.Reveal()) : null,
            config.ApiPassword?.Reveal());
    }
}
