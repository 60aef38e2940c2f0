using System.Diagnostics.CodeAnalysis;

namespace Streams.Devices.Jbd;

/// <summary>
/// One complete JBD "DD … 77" frame with a valid checksum, owning a copy of its bytes. Decoding the
/// data belongs to <see cref="JbdDecoder"/>.
/// </summary>
internal sealed class JbdFrame
{
    private readonly byte[] _bytes;

    private JbdFrame(byte[] bytes)
    {
        _bytes = bytes;
    }

    public JbdFrameKind Kind => JbdLayout.KindOf(_bytes[1]);

    /// <summary>The register read or written (requests), or echoed (responses).</summary>
    public byte Register => Kind == JbdFrameKind.Response ? _bytes[1] : _bytes[2];

    /// <summary>A response's status byte (0x00 OK, 0x80 error); 0 for requests.</summary>
    public byte Status => Kind == JbdFrameKind.Response ? _bytes[2] : (byte)0;

    /// <summary>True for a response whose status is not 0x00.</summary>
    public bool IsError => Kind == JbdFrameKind.Response && _bytes[2] != 0;

    /// <summary>The <c>len</c> data bytes between the header and the checksum.</summary>
    public ReadOnlyMemory<byte> Data => _bytes.AsMemory(4, _bytes[3]);

    /// <summary>The whole frame, from 0xDD to 0x77.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>
    /// Parses exactly one frame: the whole of <paramref name="bytes"/> must be a DD … 77 frame with a
    /// matching length and checksum. Copies the bytes on success.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out JbdFrame? frame)
    {
        frame = JbdFramer.TryRead(bytes, endOfStream: true, out _, out var bounds) && bounds.Start == 0 && bounds.Length == bytes.Length
            ? new JbdFrame(bytes.ToArray())
            : null;
        return frame is not null;
    }

    internal static JbdFrame CopyOf(ReadOnlySpan<byte> validated) => new(validated.ToArray());

    public override string ToString() => $"JBD {Kind} 0x{Register:X2}: {Convert.ToHexString(_bytes)}";
}
