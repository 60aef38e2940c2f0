using System.Buffers.Binary;
using Streams.Core;
using static Streams.Devices.Eg4Legacy.Eg4LegacyLayout;

namespace Streams.Devices.Eg4Legacy;

/// <summary>
/// Decodes "7E … 0D" replies. The reply checksum algorithm is unknown, so a reply is accepted on
/// structure alone:
/// <code>
/// 7E addr cmd len payload[len − …] chk 0D      len = total length − 6
/// general status payload: ten groups, group i = (i + 1) count count×uint16-BE, filling it exactly
/// </code>
/// </summary>
internal static class Eg4LegacyDecoder
{
    private static readonly string[] GroupNames =
    [
        "cells", "current", "state of charge", "full capacity", "temperatures",
        "alarms", "cycles", "pack voltage", "state of health", "unknown",
    ];

    /// <summary>Decodes a general-status (0x01) reply.</summary>
    public static DecodeResult<Eg4LegacyStatus> DecodeStatus(ReadOnlySpan<byte> frame)
    {
        var envelope = CheckEnvelope(frame, Eg4LegacyCommand.GeneralStatus);
        if (envelope is not null)
        {
            return envelope;
        }

        Span<Range> groups = stackalloc Range[GroupCount];
        var structure = FindGroups(frame, groups);
        if (structure is not null)
        {
            return structure;
        }

        foreach (var required in (ReadOnlySpan<int>)[1, 2, 3, 6, 7])
        {
            if (groups[required].GetOffsetAndLength(frame.Length).Length == 0)
            {
                return new DecodeError(
                    DecodeErrorKind.BadFraming, $"EG4 7E status: group {required} ({GroupNames[required]}) is empty");
            }
        }

        var cells = frame[groups[0]];
        var cellMillivolts = new ushort[Math.Min(cells.Length / 2, MaxCells)];
        for (var i = 0; i < cellMillivolts.Length; i++)
        {
            cellMillivolts[i] = (ushort)(Word(cells, i) & CellMask);
        }

        var temperatureWords = frame[groups[4]];
        var temperatures = new int[temperatureWords.Length / 2];
        for (var i = 0; i < temperatures.Length; i++)
        {
            temperatures[i] = (Word(temperatureWords, i) & 0xFF) - TemperatureOffset;
        }

        var alarms = frame[groups[5]];
        var health = frame[groups[8]];
        return new Eg4LegacyStatus(
            Address: frame[1],
            CellMillivolts: cellMillivolts,
            Current: (CurrentOffset - First(frame[groups[1]])) / 100.0,
            StateOfCharge: First(frame[groups[2]]) / 100.0,
            FullCapacityAh: First(frame[groups[3]]) / 100.0,
            Temperatures: temperatures,
            AlarmWord: alarms.Length >= 4 ? Word(alarms, 1) : null,
            Cycles: First(frame[groups[6]]),
            PackVoltage: First(frame[groups[7]]) / 100.0,
            StateOfHealth: health.Length >= 2 ? First(health) / 100.0 : null);
    }

    /// <summary>Decodes a firmware (0x33) or hardware (0x42) reply into its printable text.</summary>
    public static DecodeResult<Eg4LegacyTextReply> DecodeText(ReadOnlySpan<byte> frame, Eg4LegacyCommand command)
    {
        var envelope = CheckEnvelope(frame, command);
        return envelope is null
            ? new Eg4LegacyTextReply(frame[1], frame[2], AsciiText.FromBytes(frame[HeaderLength..^2]))
            : envelope;
    }

    private static DecodeError? CheckEnvelope(ReadOnlySpan<byte> frame, Eg4LegacyCommand command)
    {
        if (frame.Length < RequestLength)
        {
            return new DecodeError(DecodeErrorKind.Truncated, $"EG4 7E reply too short: {frame.Length} bytes");
        }

        if (frame[0] != Start || frame[^1] != End)
        {
            return new DecodeError(DecodeErrorKind.BadFraming, "EG4 7E reply must start with 7E and end with 0D");
        }

        if (frame[3] != frame.Length - 6)
        {
            return new DecodeError(
                DecodeErrorKind.BadFraming,
                $"EG4 7E reply length byte says {frame[3]}, frame holds {frame.Length - 6}");
        }

        return frame[2] == (byte)command
            ? null
            : new DecodeError(
                DecodeErrorKind.UnexpectedReply,
                $"EG4 7E reply is command 0x{frame[2]:X2}, expected 0x{(byte)command:X2}");
    }

    private static DecodeError? FindGroups(ReadOnlySpan<byte> frame, Span<Range> groups)
    {
        var end = frame.Length - 2;
        var position = HeaderLength;
        for (var i = 0; i < GroupCount; i++)
        {
            if (position + 2 > end)
            {
                return new DecodeError(DecodeErrorKind.BadFraming, $"EG4 7E status: group {i} starts past the payload");
            }

            if (frame[position] != i + 1)
            {
                return new DecodeError(
                    DecodeErrorKind.BadFraming,
                    $"EG4 7E status: group {i} has type 0x{frame[position]:X2}, expected 0x{i + 1:X2}");
            }

            var dataStart = position + 2;
            var dataEnd = dataStart + (2 * frame[position + 1]);
            if (dataEnd > end)
            {
                return new DecodeError(DecodeErrorKind.BadFraming, $"EG4 7E status: group {i} overruns the payload");
            }

            groups[i] = dataStart..dataEnd;
            position = dataEnd;
        }

        return position == end
            ? null
            : new DecodeError(
                DecodeErrorKind.BadFraming, $"EG4 7E status: {end - position} bytes left after the ten groups");
    }

    private static ushort Word(ReadOnlySpan<byte> group, int index) =>
        BinaryPrimitives.ReadUInt16BigEndian(group[(2 * index)..]);

    private static ushort First(ReadOnlySpan<byte> group) => Word(group, 0);
}
