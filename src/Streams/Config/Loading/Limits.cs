namespace Streams.Config.Loading;

/// <summary>Defaults and accepted ranges of the sources and MQTT settings, in one place.</summary>
internal static class Limits
{
    public const int MinAddress = 1;
    public const int MaxAddress = 247;

    public const int DefaultRegisterCount = 39;
    public const int SeedRegisterCount = 47;

    public const int DefaultCellCount = 16;
    public const int MinCellCount = 1;
    public const int MaxCellCount = 32;

    /// <summary>An EG4-LL pack reports six NTC inputs (registers 33–35).</summary>
    public const int MaxTemperatureSensors = 6;

    public const int MaxNameLength = 64;

    public const int MaxOfflineAfter = 1000;

    public const int DefaultSeedReadChunk = 512;

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(1.5);
    public static readonly TimeSpan DefaultBleTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxPollInterval = TimeSpan.FromHours(24);

    public static readonly TimeSpan DefaultInterFrameGap = TimeSpan.FromMilliseconds(5);
    public static readonly TimeSpan MaxInterFrameGap = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan DefaultKeepAlive = Mqtt.MqttClientOptions.DefaultKeepAlive;
    public static readonly TimeSpan MinKeepAlive = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MaxKeepAlive = TimeSpan.FromSeconds(ushort.MaxValue);

    /// <summary>The longest energy meter gap and bank staleness allowed: past a day, nothing is measured any more.</summary>
    public static readonly TimeSpan MaxMeterGap = TimeSpan.FromDays(1);
    public static readonly TimeSpan MaxStaleAfter = TimeSpan.FromDays(1);

    public static readonly TimeSpan MinHeartbeat = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxHeartbeat = TimeSpan.FromDays(7);
}
