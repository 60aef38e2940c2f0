using System.Text;
using Streams.Core;

namespace Streams.Devices.Jbd.Ble;

/// <summary>
/// The password handshake newer JBD BLE dongles want before they answer (docs/protocols.md §4):
/// <code>
/// FF AA cmd len data[len] chk          chk = (cmd + len + Σ data) &amp; 0xFF
/// 0x15 app key  →  0x17 get random (reply: one byte)  →  0x18 password
/// password byte i = ((mac[i] XOR pw[i]) + random) &amp; 0xFF
/// </code>
/// </summary>
internal static class JbdBleAuth
{
    public const byte Header0 = 0xFF;
    public const byte Header1 = 0xAA;
    public const byte AppKeyCommand = 0x15;
    public const byte GetRandomCommand = 0x17;
    public const byte PasswordCommand = 0x18;
    public const int MacLength = 6;

    private const int Overhead = 5;

    public static byte[] Build(byte command, ReadOnlySpan<byte> data)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(data.Length, byte.MaxValue);
        var frame = new byte[Overhead + data.Length];
        frame[0] = Header0;
        frame[1] = Header1;
        frame[2] = command;
        frame[3] = (byte)data.Length;
        data.CopyTo(frame.AsSpan(4));
        frame[^1] = Checksum(frame.AsSpan(2, 2 + data.Length));
        return frame;
    }

    /// <summary><c>FF AA 15 len key chk</c>; the key is ASCII (the app sends <c>000000</c>).</summary>
    /// <exception cref="ArgumentException">the key is not ASCII.</exception>
    public static byte[] AppKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Build(AppKeyCommand, Ascii(key, nameof(key)));
    }

    /// <summary><c>FF AA 17 00 17</c>.</summary>
    public static byte[] RequestRandom() => Build(GetRandomCommand, []);

    /// <summary><c>FF AA 18 06 enc[6] chk</c> for the BMS's MAC (as printed, first byte first).</summary>
    /// <exception cref="ArgumentException">the MAC is not 6 bytes or the password not 6 ASCII characters.</exception>
    public static byte[] Password(ReadOnlySpan<byte> mac, string password, byte random)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (mac.Length != MacLength)
        {
            throw new ArgumentException($"a BLE MAC has {MacLength} bytes, got {mac.Length}", nameof(mac));
        }

        var pw = Ascii(password, nameof(password));
        if (pw.Length != MacLength)
        {
            throw new ArgumentException($"the JBD BLE password has {MacLength} characters, got {pw.Length}", nameof(password));
        }

        Span<byte> encoded = stackalloc byte[MacLength];
        for (var i = 0; i < MacLength; i++)
        {
            encoded[i] = (byte)((mac[i] ^ pw[i]) + random);
        }

        return Build(PasswordCommand, encoded);
    }

    /// <summary>Parses any handshake frame, checking header, length and checksum.</summary>
    public static DecodeResult<JbdAuthFrame> Decode(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < Overhead)
        {
            return new DecodeError(DecodeErrorKind.Truncated, $"JBD auth frame too short: {frame.Length} bytes, at least 5 needed");
        }

        if (frame[0] != Header0 || frame[1] != Header1)
        {
            return new DecodeError(DecodeErrorKind.BadFraming, "JBD auth frame must start with FF AA");
        }

        if (frame.Length != Overhead + frame[3])
        {
            return new DecodeError(
                DecodeErrorKind.BadFraming,
                $"JBD auth length byte says {frame[3]} data bytes, frame holds {frame.Length - Overhead}");
        }

        var computed = Checksum(frame[2..^1]);
        return frame[^1] == computed
            ? new JbdAuthFrame(frame[2], frame[4..^1].ToArray())
            : new DecodeError(
                DecodeErrorKind.BadChecksum, $"JBD auth checksum mismatch: frame says 0x{frame[^1]:X2}, computed 0x{computed:X2}");
    }

    /// <summary>The random byte from the reply to <see cref="RequestRandom"/> (<c>FF AA 17 01 rr chk</c>).</summary>
    public static DecodeResult<byte> DecodeRandom(ReadOnlySpan<byte> frame)
    {
        var decoded = Decode(frame);
        if (!decoded.TryGetValue(out var reply, out var error))
        {
            return error;
        }

        return reply.Command == GetRandomCommand && reply.Data.Count == 1
            ? reply.Data[0]
            : new DecodeError(
                DecodeErrorKind.UnexpectedReply,
                $"expected a 0x17 reply with one random byte, got command 0x{reply.Command:X2} with {reply.Data.Count} bytes");
    }

    private static byte Checksum(ReadOnlySpan<byte> summed)
    {
        var sum = 0;
        foreach (var b in summed)
        {
            sum += b;
        }

        return (byte)sum;
    }

    private static byte[] Ascii(string text, string parameter)
    {
        foreach (var c in text)
        {
            if (c > 0x7F)
            {
                throw new ArgumentException("must be ASCII", parameter);
            }
        }

        return Encoding.ASCII.GetBytes(text);
    }
}
