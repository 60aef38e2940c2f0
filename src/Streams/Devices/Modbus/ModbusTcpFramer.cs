using Streams.Framing;

namespace Streams.Devices.Modbus;

/// <summary>
/// Finds fn 0x03 Modbus TCP frames (queries, responses, exceptions; see <see cref="ModbusTcpLayout"/>)
/// in the bytes of one TCP connection to a gateway: length-driven, protocol id 0, and the unit id
/// and PDU of the shape the RTU frame model accepts (<see cref="ModbusFrameShape"/>). Pure and
/// allocation-free.
/// </summary>
/// <remarks>
/// On a healthy connection every frame starts where the previous one ended, and the first offset
/// decides. Anything else (another function, a unit id outside 1..247, bytes that are no header) is
/// skipped. With no CRC to refute a false header, the scan never looks past an offset that is still
/// undecided, so the frames found do not depend on how the stream was cut; an offset stays undecided
/// only while the bytes that came fit a frame (unit id, function, length), so a false header in the
/// tail of a cut frame does not hold up the whole frame behind it. A connection's framer
/// starts clean (the pollers frame each connection on its own), so a frame cut off by a drop never
/// misaligns the next connection, and the transaction id guards the match of a reply against
/// whatever misframing garbage could still cause.
/// </remarks>
internal static class ModbusTcpFramer
{
    public const int MaxFrameLength = ModbusTcpLayout.MaxFrameLength;

    /// <summary>Looks for the first frame in <paramref name="buffer"/>.</summary>
    /// <param name="buffer">Received bytes not yet consumed.</param>
    /// <param name="endOfStream">No more bytes will come: a frame cut short is garbage, not pending.</param>
    /// <param name="consumed">
    /// On true, the end of the frame (bytes before <paramref name="frame"/> are garbage). On false, how
    /// many leading bytes are garbage; the caller keeps the rest (fewer than <see cref="MaxFrameLength"/>).
    /// </param>
    /// <param name="frame">The frame found.</param>
    /// <param name="kind">Its shape.</param>
    /// <returns>True when a complete frame was found; false when more data is needed.</returns>
    public static bool TryRead(ReadOnlySpan<byte> buffer, bool endOfStream, out int consumed, out FrameBounds frame, out ModbusFrameKind kind)
    {
        var rule = default(Rule);
        var found = CandidateScan.TryRead(ref rule, buffer, endOfStream, out consumed, out frame);
        kind = found ? rule.Kind : default;
        return found;
    }

    /// <summary>Whether a unit id and PDU have the shape of a fn 0x03 query, response or exception (the RTU frame model's rules).</summary>
    public static bool TryClassify(ReadOnlySpan<byte> unitAndPdu, out ModbusFrameKind kind)
    {
        if (unitAndPdu.Length > ModbusRtuLayout.MaxFrameLength - 2)
        {
            kind = default;
            return false;
        }

        // The shape rules count the two CRC bytes, which they never read.
        Span<byte> rtu = stackalloc byte[ModbusRtuLayout.MaxFrameLength];
        unitAndPdu.CopyTo(rtu);
        return ModbusFrameShape.TryClassify(rtu[..(unitAndPdu.Length + 2)], out kind);
    }

    // A header starts two bytes before the protocol id, 00 00: found vectorised.
    private struct Rule : ICandidateRule
    {
        private static readonly byte[] ProtocolId = [0, 0];

        public ModbusFrameKind Kind;

        public readonly int MinCandidateLength => 4;

        public readonly bool SkipsUndecided => false;

        public readonly int NextCandidate(ReadOnlySpan<byte> rest) => rest[2..].IndexOf(ProtocolId);

        public CandidateVerdict Evaluate(ReadOnlySpan<byte> rest, bool endOfStream, out int length) =>
            EvaluateAt(rest, endOfStream, out length, out Kind);
    }

    // `rest` starts at the candidate offset; rest[2] and rest[3] are 0 (the protocol id).
    private static CandidateVerdict EvaluateAt(ReadOnlySpan<byte> rest, bool endOfStream, out int length, out ModbusFrameKind kind)
    {
        length = 0;
        kind = default;
        // A length field of at most 254 has a zero high byte.
        if (rest.Length > ModbusTcpLayout.PrefixLength - 2 && rest[ModbusTcpLayout.PrefixLength - 2] != 0)
        {
            return CandidateVerdict.Invalid;
        }

        if (rest.Length < ModbusTcpLayout.PrefixLength)
        {
            return Undecided(endOfStream);
        }

        var lengthField = rest[ModbusTcpLayout.PrefixLength - 1];
        if (lengthField is < ModbusTcpLayout.MinLengthField or > ModbusTcpLayout.MaxLengthField)
        {
            return CandidateVerdict.Invalid;
        }

        length = ModbusTcpLayout.PrefixLength + lengthField;
        if (rest.Length < length)
        {
            // Refuted by what already came, a false header in the tail of a cut frame does not hold up the real one behind it.
            return RefutedSoFar(rest, lengthField) ? CandidateVerdict.Invalid : Undecided(endOfStream);
        }

        return TryClassify(rest[ModbusTcpLayout.PrefixLength..length], out kind) ? CandidateVerdict.Valid : CandidateVerdict.Invalid;
    }

    /// <summary>
    /// Whether the bytes of a frame not yet complete already break a rule <see cref="TryClassify"/>
    /// would apply to the whole: a unit id outside 1..247, another function, or a length field that
    /// does not fit it (an exception's 3, a query's 6, or a response's byte count + 3). Only rules of the
    /// whole, so a frame is found or refused as it would be once complete, however the stream was cut.
    /// </summary>
    private static bool RefutedSoFar(ReadOnlySpan<byte> rest, byte lengthField)
    {
        var unitAndPdu = rest[ModbusTcpLayout.PrefixLength..];
        if (unitAndPdu.Length == 0)
        {
            return false;
        }

        if (!ModbusRtuLayout.IsUnitAddress(unitAndPdu[0]))
        {
            return true;
        }

        if (unitAndPdu.Length == 1)
        {
            return false;
        }

        return unitAndPdu[1] switch
        {
            ModbusRtuLayout.ReadHoldingRegistersException => lengthField != ModbusRtuLayout.ExceptionLength - 2,
            // A query's length field is 6; any other is a response's: its byte count + 3 (unit id, function, byte count).
            ModbusRtuLayout.ReadHoldingRegisters => unitAndPdu.Length > 2 && lengthField != ModbusRtuLayout.QueryLength - 2 && unitAndPdu[2] != lengthField - 3,
            _ => true,
        };
    }

    private static CandidateVerdict Undecided(bool endOfStream) => endOfStream ? CandidateVerdict.Invalid : CandidateVerdict.Pending;
}
