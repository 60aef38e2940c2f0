namespace Streams.HomeAssistant;

/// <summary>
/// The shortest round-trip text of a decoded value (what <c>double.ToString("R")</c> and
/// <see cref="System.Text.Json.Utf8JsonWriter"/> print) for the values decoders make: a register
/// scaled by a power of ten (52.34 V, 3.301 V, −12.5 A), written from the integer instead of through
/// the general shortest-digits search, which is ~40 % of a state document's cost.
/// </summary>
/// <remarks>
/// Exact, not approximate: for the smallest <c>k ≤ 6</c> where <c>n = round(value·10^k)</c> gives back
/// <c>n / 10^k == value</c> (both exact doubles, so the division is the correctly rounded quotient), the
/// decimal <c>n·10^−k</c> parses to <c>value</c>; with at most 15 significant digits no other decimal of as
/// few digits does, so it is the shortest one. Values that fit no such <c>k</c>, or would print in
/// exponent form (below 10^−4 or from 10^15), are left to the general formatter.
/// </remarks>
internal static class ShortDecimal
{
    /// <summary>Room for a sign, 15 digits, a point and a leading zero.</summary>
    public const int MaxLength = 20;

    private const int MaxDecimals = 6;
    private const long MaxDigits = 999_999_999_999_999;

    private static readonly double[] Powers = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

    /// <summary>False when <paramref name="value"/> is left to the general formatter.</summary>
    public static bool TryFormat(double value, Span<byte> utf8, out int written)
    {
        written = 0;
        var magnitude = Math.Abs(value);
        if (!(magnitude >= 1e-4 && magnitude < 1e15) || utf8.Length < MaxLength)
        {
            return false;
        }

        for (var k = 1; k <= MaxDecimals; k++)
        {
            var scaled = Math.Round(magnitude * Powers[k]);
            if (scaled > MaxDigits)
            {
                return false;
            }

            if (scaled / Powers[k] == magnitude)
            {
                written = Write((long)scaled, k, value < 0, utf8);
                return true;
            }
        }

        return false;
    }

    /// <summary><paramref name="digits"/>·10^−<paramref name="decimals"/>, trailing zeros of the fraction dropped.</summary>
    private static int Write(long digits, int decimals, bool negative, Span<byte> utf8)
    {
        // The smallest k that works has a non-zero last digit, unless the value is whole (then k = 1).
        while (decimals > 0 && digits % 10 == 0)
        {
            digits /= 10;
            decimals--;
        }

        Span<byte> reversed = stackalloc byte[MaxLength];
        var count = 0;
        for (var i = 0; i < decimals; i++)
        {
            reversed[count++] = (byte)('0' + (digits % 10));
            digits /= 10;
        }

        if (decimals > 0)
        {
            reversed[count++] = (byte)'.';
        }

        do
        {
            reversed[count++] = (byte)('0' + (digits % 10));
            digits /= 10;
        }
        while (digits > 0);

        var length = 0;
        if (negative)
        {
            utf8[length++] = (byte)'-';
        }

        for (var i = count - 1; i >= 0; i--)
        {
            utf8[length++] = reversed[i];
        }

        return length;
    }
}
