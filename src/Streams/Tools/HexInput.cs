using Streams.Core;

namespace Streams.Tools;

/// <summary>
/// Parses user-typed hex: pairs of hex digits, with whitespace or commas anywhere, and
/// <c>0x</c>-prefixed bytes as other tools print them (<c>0xdd, 0x3</c>; a prefixed byte may have one digit).
/// </summary>
internal static class HexInput
{
    public static DecodeResult<byte[]> Parse(string? hex)
    {
        if (string.IsNullOrWhiteSpace(hex))
        {
            return new DecodeError(DecodeErrorKind.InvalidInput, "invalid hex: no bytes given");
        }

        var digits = new List<int>(hex.Length);
        var i = 0;
        while (i < hex.Length)
        {
            if (IsSeparator(hex[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var prefixed = i + 1 < hex.Length && hex[i] == '0' && hex[i + 1] is 'x' or 'X';
            if (prefixed)
            {
                i += 2;
            }

            var token = new List<int>();
            for (; i < hex.Length && !IsSeparator(hex[i]); i++)
            {
                var value = HexValue(hex[i]);
                if (value < 0)
                {
                    return new DecodeError(DecodeErrorKind.InvalidInput, $"invalid hex: '{hex[i]}' at position {i + 1} is not a hex digit");
                }

                token.Add(value);
            }

            if (prefixed && token.Count % 2 != 0 && token.Count != 1)
            {
                return new DecodeError(DecodeErrorKind.InvalidInput, $"invalid hex: '{hex[start..i]}' at position {start + 1} has an odd number of digits");
            }

            if (prefixed && token.Count == 0)
            {
                return new DecodeError(DecodeErrorKind.InvalidInput, $"invalid hex: '{hex[start..i]}' at position {start + 1} has no digits");
            }

            if (prefixed && token.Count == 1)
            {
                token.Insert(0, 0);
            }

            digits.AddRange(token);
        }

        if (digits.Count % 2 != 0)
        {
            return new DecodeError(DecodeErrorKind.InvalidInput, $"invalid hex: {digits.Count} digits, a byte needs two");
        }

        var bytes = new byte[digits.Count / 2];
        for (var b = 0; b < bytes.Length; b++)
        {
            bytes[b] = (byte)((digits[2 * b] << 4) | digits[(2 * b) + 1]);
        }

        return bytes;
    }

    private static bool IsSeparator(char c) => char.IsWhiteSpace(c) || c == ',';

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
