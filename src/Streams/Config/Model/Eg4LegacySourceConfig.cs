namespace Streams.Config.Model;

/// <summary>
/// <c>kind: eg4-7e</c>: legacy EG4 LifePower (v1) packs speaking the <c>7E … 0D</c> protocol, polled
/// round-robin on one shared serial bus.
/// </summary>
/// <param name="Port">Serial device path, or a transparent converter's <c>tcp://host:port</c>.</param>
/// <param name="Baud">One of <see cref="SerialBaud.Supported"/>; default 9600; unused on a <c>tcp://</c> port.</param>
/// <param name="Timeout">How long to wait for one reply; default 1.5 s.</param>
/// <param name="PollInterval">Target period of one full round over the packs; default 10 s.</param>
/// <param name="InterFrameGap">Silence kept between a reply and the next request; default 5 ms.</param>
/// <param name="CellCount">Cells decoded per pack, 1..32; default 16.</param>
/// <param name="CapturePath">When set, every raw byte read is appended to this file (absolute path).</param>
/// <param name="Packs">The packs on this bus, at least one.</param>
internal sealed record Eg4LegacySourceConfig(
    string Port,
    int Baud,
    TimeSpan Timeout,
    TimeSpan PollInterval,
    TimeSpan InterFrameGap,
    int CellCount,
    string? CapturePath,
    IReadOnlyList<PackConfig> Packs) : SourceConfig
{
    /// <summary>The YAML kind name.</summary>
    public const string KindName = "eg4-7e";

    public override string Kind => KindName;
}
