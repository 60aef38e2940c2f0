using Streams.Core;

namespace Streams.Devices.Eg4Legacy;

/// <summary>
/// A request <c>7E addr cmd 00 chk 0D</c>. Nobody has published the checksum algorithm. Every
/// request byte seen on real buses fits <c>chk = −2 × lowestSetBit(addr × cmd) mod 256</c>:
/// general status (0x01) at addresses 0..15 (odd → FE; 2/6/10/14 → FC; 4/12 → F8; 8 → F0; 0 → 00)
/// and, at address 1, firmware 0x33 → FE and hardware 0x42 → FC. The seed's
/// <c>0x100 − (addr + cmd + len)</c> agrees only at address 1 with command 0x01 (it gives FD for
/// address 2, where buses show FC), so it is not used.
/// </summary>
internal sealed record Eg4LegacyRequest(byte Address, byte Command, byte Checksum)
{
    /// <summary>True when <see cref="Checksum"/> is what <see cref="ChecksumFor"/> gives.</summary>
    public bool ChecksumMatchesRule => Checksum == ChecksumFor(Address, Command);

    public static byte[] Build(byte address, Eg4LegacyCommand command) =>
        [Eg4LegacyLayout.Start, address, (byte)command, 0x00, ChecksumFor(address, (byte)command), Eg4LegacyLayout.End];

    /// <summary>The request checksum byte (see the type's remarks for the evidence).</summary>
    public static byte ChecksumFor(byte address, byte command)
    {
        var product = address * command;
        var lowestSetBit = product & -product;
        return (byte)(-2 * lowestSetBit);
    }

    /// <summary>Parses a 6-byte request frame; the checksum is reported, not enforced.</summary>
    public static DecodeResult<Eg4LegacyRequest> Decode(ReadOnlySpan<byte> frame)
    {
        if (frame.Length != Eg4LegacyLayout.RequestLength || frame[0] != Eg4LegacyLayout.Start || frame[^1] != Eg4LegacyLayout.End || frame[3] != 0)
        {
            return new DecodeError(
                DecodeErrorKind.BadFraming,
                $"EG4 7E request must be 7E addr cmd 00 chk 0D, got {frame.Length} bytes");
        }

        return new Eg4LegacyRequest(frame[1], frame[2], frame[4]);
    }
}
