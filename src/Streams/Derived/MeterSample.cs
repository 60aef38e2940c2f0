using Streams.Core;

namespace Streams.Derived;

/// <summary>One point of a meter's integral: when, pack voltage and current (+ = charging).</summary>
internal readonly record struct MeterSample(DateTimeOffset At, double Volts, double Amps)
{
    public double Watts => Volts * Amps;

    /// <summary>The reading's sample, or null when it lacks the voltage or the current.</summary>
    public static MeterSample? Of(Reading reading, PackQuantities quantities) =>
        quantities is { Volts: { } volts, Amps: { } amps } ? new MeterSample(reading.Timestamp, volts, amps) : null;
}
