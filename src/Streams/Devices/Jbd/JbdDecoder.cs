using System.Buffers.Binary;
using Streams.Core;

namespace Streams.Devices.Jbd;

/// <summary>
/// Decodes complete JBD frames (one reassembled <c>DD … 77</c>). The typed decoders check the
/// checksum, the register echo and the status byte: status 0x80 is a <see cref="DecodeErrorKind.DeviceError"/>.
/// </summary>
internal static class JbdDecoder
{
    private const int BasicInfoFixedLength = 23;
    private const int KelvinOffsetTenths = 2731;

    /// <summary>Any response, whatever its register or status.</summary>
    public static DecodeResult<JbdResponse> DecodeResponse(ReadOnlySpan<byte> frame)
    {
        var error = Validate(frame, out var payload);
        if (error is not null)
        {
            return error;
        }

        return frame[1] is JbdLayout.ReadMarker or JbdLayout.WriteMarker
            ? new DecodeError(DecodeErrorKind.UnexpectedReply, "JBD frame is a request, not a response")
            : new JbdResponse(frame[1], frame[2], payload.ToArray());
    }

    /// <summary>A read (<c>DD A5</c>) or write (<c>DD 5A</c>) request.</summary>
    public static DecodeResult<JbdRequest> DecodeRequest(ReadOnlySpan<byte> frame)
    {
        var error = Validate(frame, out var payload);
        if (error is not null)
        {
            return error;
        }

        return frame[1] switch
        {
            JbdLayout.ReadMarker => new JbdRequest(false, frame[2], payload.ToArray()),
            JbdLayout.WriteMarker => new JbdRequest(true, frame[2], payload.ToArray()),
            _ => new DecodeError(DecodeErrorKind.UnexpectedReply, "JBD frame is a response, not a request"),
        };
    }

    /// <summary>The 0x03 basic-info reply. Bytes after the last NTC (newer firmware) are ignored.</summary>
    public static DecodeResult<JbdBasicInfo> DecodeBasicInfo(ReadOnlySpan<byte> frame)
    {
        var error = CheckReply(frame, JbdRegister.BasicInfo, out var p);
        if (error is not null)
        {
            return error;
        }

        if (p.Length < BasicInfoFixedLength)
        {
            return new DecodeError(
                DecodeErrorKind.Truncated, $"JBD basic info needs at least {BasicInfoFixedLength} bytes, got {p.Length}");
        }

        var ntcCount = p[22];
        if (p.Length < BasicInfoFixedLength + (2 * ntcCount))
        {
            return new DecodeError(
                DecodeErrorKind.Truncated,
                $"JBD basic info announces {ntcCount} temperatures but holds {(p.Length - BasicInfoFixedLength) / 2}");
        }

        var temperatures = new double[ntcCount];
        for (var i = 0; i < ntcCount; i++)
        {
            temperatures[i] = (U16(p, BasicInfoFixedLength + (2 * i)) - KelvinOffsetTenths) / 10.0;
        }

        return new JbdBasicInfo(
            TotalVoltage: U16(p, 0) / 100.0,
            Current: (short)U16(p, 2) / 100.0,
            RemainingCapacityAh: U16(p, 4) / 100.0,
            NominalCapacityAh: U16(p, 6) / 100.0,
            Cycles: U16(p, 8),
            ProductionDateRaw: U16(p, 10),
            BalanceBits: U16(p, 12) | ((uint)U16(p, 14) << 16),
            ProtectionBits: U16(p, 16),
            SoftwareVersionRaw: p[18],
            StateOfCharge: p[19],
            MosfetStatus: p[20],
            CellCount: p[21],
            Temperatures: temperatures);
    }

    /// <summary>The 0x04 reply: data length = 2 × cells.</summary>
    public static DecodeResult<JbdCellVoltages> DecodeCellVoltages(ReadOnlySpan<byte> frame)
    {
        var error = CheckReply(frame, JbdRegister.CellVoltages, out var p);
        if (error is not null)
        {
            return error;
        }

        if (p.Length % 2 != 0)
        {
            return new DecodeError(DecodeErrorKind.BadFraming, $"JBD cell voltages need an even length, got {p.Length}");
        }

        var millivolts = new ushort[p.Length / 2];
        for (var i = 0; i < millivolts.Length; i++)
        {
            millivolts[i] = U16(p, 2 * i);
        }

        return new JbdCellVoltages(millivolts);
    }

    /// <summary>The 0x05 reply: the model as printable ASCII.</summary>
    public static DecodeResult<string> DecodeHardwareVersion(ReadOnlySpan<byte> frame)
    {
        var error = CheckReply(frame, JbdRegister.HardwareVersion, out var p);
        return error is null ? AsciiText.FromBytes(p) : error;
    }

    /// <summary>
    /// The 0xAA reply: <see cref="JbdErrorCounts.CounterCount"/> big-endian event counters, then (in
    /// replies of 24 bytes) the system restarts. Longer replies keep their extra bytes unread.
    /// </summary>
    public static DecodeResult<JbdErrorCounts> DecodeErrorCounts(ReadOnlySpan<byte> frame)
    {
        var error = CheckReply(frame, JbdRegister.ErrorCounts, out var p);
        if (error is not null)
        {
            return error;
        }

        if (p.Length < 2 * JbdErrorCounts.CounterCount)
        {
            return new DecodeError(
                DecodeErrorKind.Truncated, $"JBD error counts need at least {2 * JbdErrorCounts.CounterCount} bytes, got {p.Length}");
        }

        var counts = new ushort[JbdErrorCounts.CounterCount];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = U16(p, 2 * i);
        }

        return new JbdErrorCounts(counts, p.Length >= 2 * (JbdErrorCounts.CounterCount + 1) ? U16(p, 2 * JbdErrorCounts.CounterCount) : null);
    }

    /// <summary>The acknowledgement of a write to <paramref name="register"/> (e.g. <c>DD E1 00 00 00 00 77</c>).</summary>
    public static DecodeResult<JbdResponse> DecodeWriteAck(ReadOnlySpan<byte> frame, byte register)
    {
        var error = CheckReply(frame, register, out var p);
        return error is null ? new JbdResponse(register, JbdResponse.StatusOk, p.ToArray()) : error;
    }

    private static DecodeError? CheckReply(ReadOnlySpan<byte> frame, byte register, out ReadOnlySpan<byte> payload)
    {
        var error = Validate(frame, out payload);
        if (error is not null)
        {
            return error;
        }

        if (frame[1] != register)
        {
            return new DecodeError(
                DecodeErrorKind.UnexpectedReply, $"JBD reply is for register 0x{frame[1]:X2}, expected 0x{register:X2}");
        }

        return frame[2] == JbdResponse.StatusOk
            ? null
            : new DecodeError(
                DecodeErrorKind.DeviceError, $"JBD BMS answered register 0x{register:X2} with error status 0x{frame[2]:X2}");
    }

    /// <summary>Checks markers, length and checksum; on success <paramref name="payload"/> is data[len].</summary>
    private static DecodeError? Validate(ReadOnlySpan<byte> frame, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        if (frame.Length < JbdLayout.Overhead)
        {
            return new DecodeError(DecodeErrorKind.Truncated, $"JBD frame too short: {frame.Length} bytes, at least {JbdLayout.Overhead} needed");
        }

        if (frame[0] != JbdLayout.Start || frame[^1] != JbdLayout.End)
        {
            return new DecodeError(DecodeErrorKind.BadFraming, "JBD frame must start with DD and end with 77");
        }

        var length = frame[3];
        if (frame.Length != JbdLayout.Overhead + length)
        {
            return new DecodeError(
                DecodeErrorKind.BadFraming,
                $"JBD length byte says {length} data bytes, frame holds {frame.Length - JbdLayout.Overhead}");
        }

        var sent = JbdChecksum.Sent(frame);
        var computed = JbdChecksum.Expected(frame);
        if (sent != computed)
        {
            return new DecodeError(
                DecodeErrorKind.BadChecksum, $"JBD checksum mismatch: frame says 0x{sent:X4}, computed 0x{computed:X4}");
        }

        payload = frame.Slice(4, length);
        return null;
    }

    private static ushort U16(ReadOnlySpan<byte> payload, int offset) =>
        BinaryPrimitives.ReadUInt16BigEndian(payload[offset..]);
}
