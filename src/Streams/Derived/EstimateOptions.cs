namespace Streams.Derived;

/// <summary>When a battery counts as charging or discharging for the time estimates.</summary>
/// <param name="IdleCurrent">Below this current (A, either sign) the battery is idle and both times are unknown: a BMS's zero reads a few tens of mA either way, and 0.02 A would promise months.</param>
internal sealed record EstimateOptions(double IdleCurrent)
{
    public static EstimateOptions Default { get; } = new(0.1);
}
