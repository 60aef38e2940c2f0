using System.Buffers.Binary;
using Streams.Framing;

namespace Streams.Devices.Modbus;

/// <summary>
/// Finds fn 0x03 Modbus RTU frames in a byte stream that has no other framing (a passive tap on an
/// RS-485 bus, or a poller's receive buffer): at each offset it tries the query, response and
/// exception shapes and accepts one only when its CRC matches. Pure and allocation-free.
/// </summary>
/// <remarks>
/// <para>
/// At one offset a query (8 bytes) and a response (5 + byte count) may both be possible. The
/// shorter is decided first. Two properties of the CRC make the choice between two valid ones
/// matter: a valid frame followed by 0x00 always reads as a valid frame one byte longer, and a
/// valid frame ending in 0x00 (1 in 256) always has a valid prefix one byte shorter; and a valid
/// frame followed by another reads, with the second's last byte cut off, as one valid longer frame
/// about 1 time in 256. So the shorter valid frame wins when the byte after it is a unit address
/// (where the next frame starts), the longer one is checked otherwise. An offset is decided only
/// from bytes that every chunking eventually presents, so the frames found do not depend on how the
/// stream was cut; beyond these cases only a CRC collision, 1 in 65 536 for a random candidate,
/// yields a false frame.
/// </para>
/// <para>
/// The price: when a longer candidate is possible, a frame at the end of the buffer is decided
/// when the next byte arrives (or at the end of the stream).
/// </para>
/// <para>
/// The scanner never looks past an undecided offset: if garbage happens to look like the header of
/// a long response, the frames behind it are found once enough bytes arrived to reject it (at most
/// 254 bytes later), or at the end of the stream. Accepting a later frame early would risk
/// dropping a real frame that is still arriving whenever its payload holds a CRC collision.
/// </para>
/// </remarks>
internal static class ModbusRtuScanner
{
    /// <summary>The longest frame the scanner can return; also the most a caller ever has to keep.</summary>
    public const int MaxFrameLength = ModbusRtuLayout.MaxFrameLength;

    /// <summary>Any fn 0x03 frame, more data may follow.</summary>
    public static bool TryRead(ReadOnlySpan<byte> buffer, out int consumed, out FrameBounds frame, out ModbusFrameKind kind) =>
        TryRead(buffer, endOfStream: false, out consumed, out frame, out kind);

    /// <summary>
    /// Looks for the first fn 0x03 query, response or exception from a unit address 1..247 in
    /// <paramref name="buffer"/>.
    /// </summary>
    /// <param name="buffer">Received bytes not yet consumed.</param>
    /// <param name="endOfStream">No more bytes will come: a frame cut short is garbage, not pending.</param>
    /// <param name="consumed">
    /// On true, the end of the frame; the bytes before <paramref name="frame"/> are garbage. On
    /// false, how many leading bytes are garbage and can be dropped; the caller keeps the rest
    /// (fewer than <see cref="MaxFrameLength"/> bytes) and calls again when more bytes arrived.
    /// </param>
    /// <param name="frame">The frame found (valid shape and CRC).</param>
    /// <param name="kind">The shape of <paramref name="frame"/>.</param>
    /// <returns>True when a complete frame was found; false when more data is needed.</returns>
    public static bool TryRead(ReadOnlySpan<byte> buffer, bool endOfStream, out int consumed, out FrameBounds frame, out ModbusFrameKind kind)
    {
        var rule = default(Rule);
        var found = CandidateScan.TryRead(ref rule, buffer, endOfStream, out consumed, out frame);
        kind = found ? rule.Kind : default;
        return found;
    }

    /// <summary>
    /// True when <paramref name="following"/>, the bytes right after an accepted frame (or the
    /// start of the stream), hold a complete frame of the shape the protocol expects there whose
    /// CRC is wrong: after a query from A for N registers, <c>A 03 2N …</c> or <c>A 83 code …</c>;
    /// elsewhere a query. This is the only place a bad CRC is unambiguous; anywhere else a shape
    /// that fails its CRC is just garbage that happens to contain 0x03.
    /// </summary>
    internal static bool IsDamagedFrameAt(ReadOnlySpan<byte> following, in LastModbusFrame previous)
    {
        if (following.Length < ModbusRtuLayout.ExceptionLength)
        {
            return false;
        }

        if (!previous.IsQuery)
        {
            return IsDamaged(following, ModbusRtuLayout.QueryLength, isShape: following[1] == ModbusRtuLayout.ReadHoldingRegisters
                && ModbusRtuLayout.IsUnitAddress(following[0])
                && following.Length >= 6
                && ModbusFrameShape.IsQueryCount(following));
        }

        var address = previous.Address;
        var count = previous.RegisterCount;
        if (following[0] != address)
        {
            return false;
        }

        return following[1] switch
        {
            ModbusRtuLayout.ReadHoldingRegisters =>
                IsDamaged(following, ModbusRtuLayout.ResponseOverhead + (2 * count), isShape: following[2] == 2 * count),
            ModbusRtuLayout.ReadHoldingRegistersException =>
                IsDamaged(following, ModbusRtuLayout.ExceptionLength, isShape: ModbusRtuLayout.IsExceptionCode(following[2])),
            _ => false,
        };
    }

    private static bool IsDamaged(ReadOnlySpan<byte> following, int length, bool isShape) =>
        isShape && following.Length >= length && !HasValidCrc(following[..length]);

    // Only offsets whose next byte is 0x03 or 0x83 can start a frame: found vectorised.
    private struct Rule : ICandidateRule
    {
        public ModbusFrameKind Kind;

        public readonly int MinCandidateLength => 2;

        public readonly bool SkipsUndecided => false;

        public readonly int NextCandidate(ReadOnlySpan<byte> rest) =>
            rest[1..].IndexOfAny(ModbusRtuLayout.ReadHoldingRegisters, ModbusRtuLayout.ReadHoldingRegistersException);

        public CandidateVerdict Evaluate(ReadOnlySpan<byte> rest, bool endOfStream, out int length) =>
            EvaluateAt(rest, endOfStream, out length, out Kind);
    }

    // `rest` starts at the candidate offset; rest[1] is 0x03 or 0x83.
    private static CandidateVerdict EvaluateAt(
        ReadOnlySpan<byte> rest,
        bool endOfStream,
        out int length,
        out ModbusFrameKind kind)
    {
        if (rest[1] == ModbusRtuLayout.ReadHoldingRegistersException)
        {
            kind = ModbusFrameKind.Exception;
            length = ModbusRtuLayout.ExceptionLength;
            return EvaluateException(rest, endOfStream);
        }

        if (rest.Length < 3)
        {
            // The byte count is unknown, so a response shorter than the query is still possible.
            kind = default;
            length = 0;
            return Undecided(endOfStream, ModbusRtuLayout.IsUnitAddress(rest[0]));
        }

        var responseLength = ModbusRtuLayout.IsUnitAddress(rest[0]) ? ModbusRtuLayout.ResponseLength(rest[2]) : 0;
        if (responseLength == 0)
        {
            kind = ModbusFrameKind.Query;
            length = ModbusRtuLayout.QueryLength;
            return EvaluateQuery(rest, endOfStream);
        }

        // Both a query and a response may start here: the shorter is decided first.
        var shortKind = responseLength < ModbusRtuLayout.QueryLength ? ModbusFrameKind.Response : ModbusFrameKind.Query;
        var longKind = shortKind == ModbusFrameKind.Query ? ModbusFrameKind.Response : ModbusFrameKind.Query;
        var shortLength = Math.Min(responseLength, ModbusRtuLayout.QueryLength);
        var shortVerdict = EvaluateShape(rest, shortKind, responseLength, endOfStream);
        if (shortVerdict == CandidateVerdict.Valid && ShortFrameWins(rest, shortLength, endOfStream))
        {
            kind = shortKind;
            length = shortLength;
            return shortVerdict;
        }

        if (shortVerdict == CandidateVerdict.Pending)
        {
            kind = shortKind;
            length = shortLength;
            return shortVerdict;
        }

        var longVerdict = EvaluateShape(rest, longKind, responseLength, endOfStream);
        if (shortVerdict == CandidateVerdict.Valid && longVerdict == CandidateVerdict.Invalid)
        {
            kind = shortKind;
            length = shortLength;
            return shortVerdict;
        }

        kind = longKind;
        length = Math.Max(responseLength, ModbusRtuLayout.QueryLength);
        return longVerdict;
    }

    // A valid frame followed by 0x00 always forms a valid frame one byte longer (see remarks), and a
    // valid frame's prefix one byte shorter is valid whenever its last byte is 0x00. So the shorter
    // of two valid candidates wins when the byte after it can start the next frame (a unit address),
    // and the longer one has to be looked at otherwise.
    private static bool ShortFrameWins(ReadOnlySpan<byte> rest, int shortLength, bool endOfStream)
    {
        if (rest.Length > shortLength)
        {
            return ModbusRtuLayout.IsUnitAddress(rest[shortLength]);
        }

        return endOfStream;
    }

    private static CandidateVerdict EvaluateShape(ReadOnlySpan<byte> rest, ModbusFrameKind kind, int responseLength, bool endOfStream) =>
        kind == ModbusFrameKind.Query ? EvaluateQuery(rest, endOfStream) : EvaluateCrc(rest, responseLength, endOfStream);

    private static CandidateVerdict EvaluateException(ReadOnlySpan<byte> rest, bool endOfStream)
    {
        if (!ModbusRtuLayout.IsUnitAddress(rest[0]))
        {
            return CandidateVerdict.Invalid;
        }

        if (rest.Length < 3)
        {
            return Undecided(endOfStream, stillPossible: true);
        }

        return ModbusRtuLayout.IsExceptionCode(rest[2])
            ? EvaluateCrc(rest, ModbusRtuLayout.ExceptionLength, endOfStream)
            : CandidateVerdict.Invalid;
    }

    private static CandidateVerdict EvaluateQuery(ReadOnlySpan<byte> rest, bool endOfStream)
    {
        if (!ModbusRtuLayout.IsUnitAddress(rest[0]))
        {
            return CandidateVerdict.Invalid;
        }

        if (rest.Length < 6)
        {
            return Undecided(endOfStream, stillPossible: true);
        }

        return ModbusFrameShape.IsQueryCount(rest)
            ? EvaluateCrc(rest, ModbusRtuLayout.QueryLength, endOfStream)
            : CandidateVerdict.Invalid;
    }

    private static CandidateVerdict EvaluateCrc(ReadOnlySpan<byte> rest, int length, bool endOfStream)
    {
        if (rest.Length < length)
        {
            return Undecided(endOfStream, stillPossible: true);
        }

        return HasValidCrc(rest[..length]) ? CandidateVerdict.Valid : CandidateVerdict.Invalid;
    }

    private static CandidateVerdict Undecided(bool endOfStream, bool stillPossible) =>
        stillPossible && !endOfStream ? CandidateVerdict.Pending : CandidateVerdict.Invalid;

    private static bool HasValidCrc(ReadOnlySpan<byte> frame) =>
        ModbusCrc16.Compute(frame[..^2]) == BinaryPrimitives.ReadUInt16LittleEndian(frame[^2..]);
}
