using System.Globalization;
using System.Text.RegularExpressions;

namespace Streams.Testing.Marbles;

/// <summary>Durations as marble files write them: a number (integer or decimal) and a unit <c>ms</c>, <c>s</c>, <c>m</c> or <c>h</c>.</summary>
public static partial class MarbleDuration
{
    private static readonly (string Unit, long Ticks)[] Units =
    [
        ("h", TimeSpan.TicksPerHour),
        ("m", TimeSpan.TicksPerMinute),
        ("s", TimeSpan.TicksPerSecond),
        ("ms", TimeSpan.TicksPerMillisecond),
    ];

    /// <summary>Parses <c>10ms</c>, <c>1.5s</c>, <c>59m</c>, <c>1h</c>; false for anything else or a non-whole number of ticks.</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        var number = decimal.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var unitTicks = Units.First(u => u.Unit == match.Groups[2].Value).Ticks;
        var ticks = number * unitTicks;
        if (ticks != decimal.Truncate(ticks) || ticks > long.MaxValue)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    /// <summary>Parses like <see cref="TryParse"/> or throws <see cref="MarbleFormatException"/> naming the text.</summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var duration)
            ? duration
            : throw new MarbleFormatException($"'{text}' is not a duration (expected e.g. 10ms, 1.5s, 59m, 1h)");

    /// <summary>Shortest exact text for <paramref name="duration"/> in the largest unit that divides it (<c>90m</c> → <c>90m</c>, <c>2h</c>, <c>1.5ms</c>).</summary>
    public static string Format(TimeSpan duration)
    {
        var ticks = duration.Ticks;
        if (ticks == 0)
        {
            return "0ms";
        }

        foreach (var (unit, unitTicks) in Units)
        {
            if (ticks % unitTicks == 0)
            {
                return (ticks / unitTicks).ToString(CultureInfo.InvariantCulture) + unit;
            }
        }

        return ((decimal)ticks / TimeSpan.TicksPerMillisecond).ToString(CultureInfo.InvariantCulture) + "ms";
    }

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)$")]
    private static partial Regex Pattern();
}
