namespace Streams.Config.Model;

/// <summary>
/// Where readings come from. One subtype per kind the product supports; the YAML <c>kind</c> key picks
/// the subtype and <see cref="Kind"/> gives it back.
/// </summary>
public abstract record SourceConfig
{
    /// <summary>The YAML <c>kind</c> of this source, e.g. <c>eg4-modbus</c>.</summary>
    public abstract string Kind { get; }
}
