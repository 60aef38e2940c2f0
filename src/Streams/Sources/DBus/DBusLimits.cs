namespace Streams.Sources.DBus;

/// <summary>The specification's size and nesting limits, enforced on both reading and writing.</summary>
internal static class DBusLimits
{
    /// <summary>2^27 bytes: the largest message, header and body together.</summary>
    public const int MaxMessageLength = 134_217_728;

    /// <summary>2^26 bytes: the largest array payload.</summary>
    public const int MaxArrayLength = 67_108_864;

    /// <summary>Containers (arrays, structs, dict entries and variants) a value may sit in.</summary>
    public const int MaxContainerDepth = 64;
}
