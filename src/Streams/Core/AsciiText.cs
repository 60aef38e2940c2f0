using System.Text;

namespace Streams.Core;

/// <summary>Turns device-sent ASCII into display text: printable characters only, padding trimmed.</summary>
internal static class AsciiText
{
    public static string FromBytes(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and < 0x7F)
            {
                text.Append((char)b);
            }
        }

        return text.ToString().Trim();
    }

    /// <summary>Two characters per register, high byte first.</summary>
    public static string FromRegisters(ReadOnlySpan<ushort> registers)
    {
        Span<byte> bytes = registers.Length <= 128 ? stackalloc byte[registers.Length * 2] : new byte[registers.Length * 2];
        for (var i = 0; i < registers.Length; i++)
        {
            bytes[2 * i] = (byte)(registers[i] >> 8);
            bytes[(2 * i) + 1] = (byte)registers[i];
        }

        return FromBytes(bytes);
    }
}
