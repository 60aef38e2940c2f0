using System.Diagnostics.CodeAnalysis;

namespace Streams.Devices.Eg4Legacy;

/// <summary>
/// One structurally valid EG4 LifePower (v1) "7E … 0D" frame, owning a copy of its bytes. Decoding
/// the groups belongs to <see cref="Eg4LegacyDecoder"/>.
/// </summary>
internal sealed class Eg4LegacyFrame
{
    private readonly byte[] _bytes;

    private Eg4LegacyFrame(byte[] bytes)
    {
        _bytes = bytes;
    }

    public Eg4LegacyFrameKind Kind => _bytes[3] == 0 ? Eg4LegacyFrameKind.Request : Eg4LegacyFrameKind.Reply;

    public byte Address => _bytes[1];

    public byte Command => _bytes[2];

    /// <summary>The ten groups of a reply (empty for a request).</summary>
    public ReadOnlyMemory<byte> Body => _bytes.AsMemory(4, _bytes[3]);

    /// <summary>The checksum byte as received; its algorithm is unknown, so it is not checked.</summary>
    public byte Checksum => _bytes[^2];

    /// <summary>The whole frame, from 0x7E to 0x0D.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>
    /// Parses exactly one frame: the whole of <paramref name="bytes"/> must be a structurally valid
    /// request or reply. Copies the bytes on success.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out Eg4LegacyFrame? frame)
    {
        frame = Eg4LegacyFramer.TryRead(bytes, endOfStream: true, out _, out var bounds) && bounds.Start == 0 && bounds.Length == bytes.Length
            ? new Eg4LegacyFrame(bytes.ToArray())
            : null;
        return frame is not null;
    }

    internal static Eg4LegacyFrame CopyOf(ReadOnlySpan<byte> validated) => new(validated.ToArray());

    public override string ToString() => $"EG4 {Kind} 0x{Address:X2} cmd 0x{Command:X2}: {Convert.ToHexString(_bytes)}";
}
