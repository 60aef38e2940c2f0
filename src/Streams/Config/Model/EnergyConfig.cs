namespace Streams.Config.Model;

/// <summary><c>energy:</c>, how the energy and charge meters of every pack and bank run.</summary>
/// <param name="StateDirectory">Where the meters keep their totals (absolute); null for the default:
/// <c>$STATE_DIRECTORY</c>, else <c>$XDG_STATE_HOME/streams</c>, else <c>~/.local/state/streams</c>.</param>
/// <param name="MaxGap">An interval between two readings of a pack longer than this adds nothing; null for
/// three poll intervals of the pack's source.</param>
public sealed record EnergyConfig(string? StateDirectory, TimeSpan? MaxGap)
{
    /// <summary>Every default.</summary>
    public static EnergyConfig Default { get; } = new(null, null);
}
