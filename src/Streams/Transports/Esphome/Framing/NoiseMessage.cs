using System.Buffers.Binary;

namespace Streams.Transports.Esphome.Framing;

/// <summary>The plaintext inside one Noise transport frame: 16-bit type, 16-bit length, payload (all big-endian).</summary>
internal static class NoiseMessage
{
    public const int HeaderLength = 4;

    /// <summary>Splits a decrypted frame; false when it is too short or its length runs past its end. Never throws.</summary>
    public static bool TryRead(ReadOnlySpan<byte> plaintext, out uint type, out Range payload)
    {
        type = 0;
        payload = default;
        if (plaintext.Length < HeaderLength)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(plaintext[2..]);
        if (length > plaintext.Length - HeaderLength)
        {
            return false;
        }

        type = BinaryPrimitives.ReadUInt16BigEndian(plaintext);
        payload = new Range(HeaderLength, HeaderLength + length);
        return true;
    }

    /// <summary>Type, length and <paramref name="payload"/>, ready to encrypt.</summary>
    public static byte[] Write(uint type, ReadOnlySpan<byte> payload)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(type, (uint)ushort.MaxValue);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payload.Length, ushort.MaxValue);
        var message = new byte[HeaderLength + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(message, (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), (ushort)payload.Length);
        payload.CopyTo(message.AsSpan(HeaderLength));
        return message;
    }
}
