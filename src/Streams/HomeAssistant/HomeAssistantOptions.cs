using System.Reflection;
using Streams.HomeAssistant.Discovery;

namespace Streams.HomeAssistant;

/// <summary>How <see cref="HomeAssistantPublisher"/> names, times and announces things (built from the configuration by the composition root).</summary>
internal sealed record HomeAssistantOptions
{
    /// <summary>Used when a device is not configured (an auto-named sniffed slave) or its source has no poll interval (a sniffer).</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(60);

    public required string DiscoveryPrefix { get; init; }

    /// <summary>Root of state, availability and command topics (<see cref="BridgeTopics"/>).</summary>
    public required string BaseTopic { get; init; }

    public DiscoveryLayout Layout { get; init; } = DiscoveryLayout.Device;

    /// <summary>Configured devices by name. Their stale discovery is kept until they report; any other node's is cleared.</summary>
    public IReadOnlyDictionary<string, DeviceSettings> Devices { get; init; } = new Dictionary<string, DeviceSettings>();

    /// <summary>Origin block <c>o</c>: the software that publishes the discovery.</summary>
    public string OriginName { get; init; } = "streams";

    public string OriginVersion { get; init; } = ProductVersion();

    /// <summary>Origin <c>url</c>, left out when null.</summary>
    public string? SupportUrl { get; init; }

    /// <summary>Home Assistant's birth is answered after a random delay within [min, max], so many bridges do not answer at once.</summary>
    public TimeSpan BirthDelayMin { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan BirthDelayMax { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>After discovery is re-published for a birth, the latest states follow this much later (entities are set up by then).</summary>
    public TimeSpan StatesAfterDiscovery { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>After the first connect, how long the retained discovery index of the previous run may take to arrive before cleanup starts.</summary>
    public TimeSpan IndexWait { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Gap between the two steps of a removal on one topic (migrate/stub, then clear/final), so the latest-state buffer cannot merge them.</summary>
    public TimeSpan CleanupStepDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The settings of <paramref name="device"/>: configured ones, else a default poll interval without switches.</summary>
    public DeviceSettings SettingsOf(string device) =>
        Devices.TryGetValue(device, out var settings) ? settings : new DeviceSettings(DefaultPollInterval);

    /// <summary>True when some device offers switches: only then are command topics subscribed to.</summary>
    public bool AnySwitches => Devices.Values.Any(d => d.Switches.Count > 0);

    private static string ProductVersion()
    {
        var assembly = typeof(HomeAssistantOptions).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
