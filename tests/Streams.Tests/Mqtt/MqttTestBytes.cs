using System.Globalization;

namespace Streams.Tests.Mqtt;

internal static class MqttTestBytes
{
    /// <summary>"10 0D 00 04" → bytes; spaces are ignored.</summary>
    public static byte[] Hex(string hex)
    {
        var digits = hex.Replace(" ", string.Empty, StringComparison.Ordinal);
        var bytes = new byte[digits.Length / 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = byte.Parse(digits.AsSpan(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }

        return bytes;
    }

    public static string ToHex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);
}
