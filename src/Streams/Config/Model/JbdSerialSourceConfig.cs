namespace Streams.Config.Model;

/// <summary><c>kind: jbd-serial</c>: one JBD / Xiaoxiang BMS on its UART (<c>DD … 77</c> protocol).</summary>
/// <param name="Port">Serial device path, or a transparent converter's <c>tcp://host:port</c>.</param>
/// <param name="Baud">One of <see cref="SerialBaud.Supported"/>; default 9600; unused on a <c>tcp://</c> port.</param>
/// <param name="Name">The BMS's name (same rules and uniqueness as a pack name).</param>
/// <param name="Timeout">How long to wait for one reply; default 1.5 s.</param>
/// <param name="PollInterval">Poll period; default 10 s.</param>
/// <param name="CapturePath">When set, every raw byte read is appended to this file (absolute path).</param>
internal sealed record JbdSerialSourceConfig(
    string Port,
    int Baud,
    string Name,
    TimeSpan Timeout,
    TimeSpan PollInterval,
    string? CapturePath) : SourceConfig
{
    /// <summary>The YAML kind name.</summary>
    public const string KindName = "jbd-serial";

    public override string Kind => KindName;
}
