namespace Streams.Config.Model;

/// <summary>
/// <c>kind: sniffer</c>: listen-only Modbus RTU on a bus someone else polls. Nothing is ever written
/// to the port. Replies are paired with their queries and decoded per slave address.
/// </summary>
/// <param name="Port">Serial device path, or a transparent converter's <c>tcp://host:port</c>.</param>
/// <param name="Baud">One of <see cref="SerialBaud.Supported"/>; default 9600; unused on a <c>tcp://</c> port.</param>
/// <param name="CapturePath">When set, every raw byte read is appended to this file (absolute path).</param>
/// <param name="Packs">Optional names for slave addresses; an address heard but not listed gets an
/// automatic name.</param>
internal sealed record SnifferSourceConfig(
    string Port,
    int Baud,
    string? CapturePath,
    IReadOnlyList<PackConfig> Packs) : SourceConfig
{
    /// <summary>The YAML kind name.</summary>
    public const string KindName = "sniffer";

    public override string Kind => KindName;
}
