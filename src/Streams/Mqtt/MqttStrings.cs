using System.Text;

namespace Streams.Mqtt;

/// <summary>
/// MQTT UTF-8 strings (§1.5.3): well-formed UTF-8, no U+0000, at most 65,535 bytes. A throwing
/// encoding is used because Encoding.UTF8 silently turns a lone surrogate into U+FFFD.
/// </summary>
internal static class MqttStrings
{
    public const int MaxByteCount = ushort.MaxValue;

    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Why <paramref name="value"/> cannot be sent as an MQTT string, or null when it can.</summary>
    public static string? Problem(string value, string what)
    {
        if (value.Contains('\0'))
        {
            return $"{what} contains U+0000";
        }

        int byteCount;
        try
        {
            byteCount = StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException)
        {
            return $"{what} is not valid UTF-16 (lone surrogate), so it has no UTF-8 form";
        }

        return byteCount > MaxByteCount ? $"{what} is {byteCount} bytes of UTF-8; MQTT allows at most {MaxByteCount}" : null;
    }
}
