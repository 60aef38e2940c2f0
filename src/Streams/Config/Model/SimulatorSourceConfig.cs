namespace Streams.Config.Model;

/// <summary>
/// <c>kind: simulator</c>: simulated packs of one device type, served through the same protocol code
/// as real ones. Used for dry runs, demos and tests; also what the seed format's
/// <c>transport: mock</c> becomes.
/// </summary>
/// <param name="Device">The device imitated, by its <c>device</c> name (<c>eg4-ll</c>, <c>eg4-ll-master</c>, <c>eg4-7e</c>, <c>jbd</c>).</param>
/// <param name="PollInterval">Poll period; default 10 s.</param>
/// <param name="RegisterCount">Registers read per poll for the EG4-LL devices: 39 (default) or 47.</param>
/// <param name="CellCount">Cells per simulated pack, 1..32; default 16.</param>
/// <param name="Packs">The simulated packs, at least one.</param>
internal sealed record SimulatorSourceConfig(
    string Device,
    TimeSpan PollInterval,
    int RegisterCount,
    int CellCount,
    IReadOnlyList<PackConfig> Packs) : SourceConfig
{
    /// <summary>The YAML kind name.</summary>
    public const string KindName = "simulator";

    public override string Kind => KindName;
}
