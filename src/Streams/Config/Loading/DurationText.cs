using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Streams.Config.Loading;

/// <summary>
/// Durations as the configuration writes them: a non-negative number and a unit, <c>500ms</c>,
/// <c>1.5s</c>, <c>10s</c>, <c>5m</c>, <c>1h</c>. Resolution is one millisecond.
/// </summary>
internal static class DurationText
{
    /// <summary>The largest duration accepted anywhere (365 days), which keeps arithmetic far from overflow.</summary>
    public static TimeSpan Max { get; } = TimeSpan.FromDays(365);

    private const string Expected = "expected a duration such as 500ms, 1.5s, 10s, 5m or 1h";

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why, in one line.</summary>
    public static bool TryParse(string text, out TimeSpan value, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = TimeSpan.Zero;
        var numberLength = 0;
        while (numberLength < text.Length && (char.IsAsciiDigit(text[numberLength]) || text[numberLength] == '.'))
        {
            numberLength++;
        }

        var number = text.AsSpan(0, numberLength);
        var unit = text.AsSpan(numberLength);
        if (!IsPlainDecimal(number))
        {
            error = $"{Expected}, got {ConfigText.Quote(text)}";
            return false;
        }

        if (unit.IsEmpty)
        {
            error = $"needs a unit (ms, s, m or h), e.g. '{text}s', got {ConfigText.Quote(text)}";
            return false;
        }

        long? unitMilliseconds = unit switch
        {
            "ms" => 1,
            "s" => 1_000,
            "m" => 60_000,
            "h" => 3_600_000,
            _ => null,
        };
        if (unitMilliseconds is null)
        {
            error = $"{Expected}, got {ConfigText.Quote(text)}";
            return false;
        }

        // 16 significant digits fit a decimal with room for the unit factor; anything longer is too large anyway.
        if (number.Length > 16 || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            error = $"is too large (at most {Format(Max)}), got {ConfigText.Quote(text)}";
            return false;
        }

        var milliseconds = amount * unitMilliseconds.Value;
        if (milliseconds != decimal.Truncate(milliseconds))
        {
            error = $"must be a whole number of milliseconds, got {ConfigText.Quote(text)}";
            return false;
        }

        if (milliseconds > (decimal)Max.TotalMilliseconds)
        {
            error = $"is too large (at most {Format(Max)}), got {ConfigText.Quote(text)}";
            return false;
        }

        value = TimeSpan.FromMilliseconds((long)milliseconds);
        error = null;
        return true;
    }

    /// <summary>
    /// The shortest text that <see cref="TryParse"/> reads back as <paramref name="value"/>: whole hours,
    /// minutes or seconds when exact, otherwise seconds with a fraction, or milliseconds below one second.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, not whole milliseconds, or above <see cref="Max"/>.</exception>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero || value > Max || value.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Durations are whole milliseconds from 0 to 365 days.");
        }

        var ms = value.Ticks / TimeSpan.TicksPerMillisecond;
        return ms switch
        {
            0 => "0s",
            _ when ms % 3_600_000 == 0 => Invariant($"{ms / 3_600_000}h"),
            _ when ms % 60_000 == 0 => Invariant($"{ms / 60_000}m"),
            _ when ms % 1_000 == 0 => Invariant($"{ms / 1_000}s"),
            >= 1_000 => Invariant($"{ms / 1_000}.{(ms % 1_000).ToString("000", CultureInfo.InvariantCulture).TrimEnd('0')}s"),
            _ => Invariant($"{ms}ms"),
        };
    }

    private static bool IsPlainDecimal(ReadOnlySpan<char> number)
    {
        var dot = number.IndexOf('.');
        if (dot < 0)
        {
            return !number.IsEmpty;
        }

        var whole = number[..dot];
        var fraction = number[(dot + 1)..];
        return !whole.IsEmpty && !fraction.IsEmpty && !fraction.Contains('.');
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
