using Streams.Core;

namespace Streams.Tools;

/// <summary>Parses user-typed hex: pairs of hex digits, whitespace anywhere.</summary>
internal static class HexInput
{
    public static DecodeResult<byte[]> Parse(string? hex)
    {
        if (string.IsNullOrWhiteSpace(hex))
        {
            return new DecodeError(DecodeErrorKind.InvalidInput, "invalid hex: no bytes given");
        }

        var digits = new List<int>(hex.Length);
        for (var i = 0; i < hex.Length; i++)
        {
            var c = hex[i];
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            var value = HexValue(c);
            if (value < 0)
            {
                return new DecodeError(DecodeErrorKind.InvalidInput, $"invalid hex: '{c}' at position {i + 1} is not a hex digit");
            }

            digits.Add(value);
        }

        if (digits.Count % 2 != 0)
        {
            return new DecodeError(DecodeErrorKind.InvalidInput, $"invalid hex: {digits.Count} digits, a byte needs two");
        }

        var bytes = new byte[digits.Count / 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)((digits[2 * i] << 4) | digits[(2 * i) + 1]);
        }

        return bytes;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
