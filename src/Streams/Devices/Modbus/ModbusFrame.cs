using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using Streams.Core;

namespace Streams.Devices.Modbus;

/// <summary>
/// One complete fn 0x03 frame (query, response or exception) with a valid CRC, owning a copy of
/// its bytes so that it can be queued, logged or replayed after the receive buffer moved on.
/// </summary>
internal sealed class ModbusFrame
{
    private readonly byte[] _bytes;

    private ModbusFrame(byte[] bytes, ModbusFrameKind kind)
    {
        _bytes = bytes;
        Kind = kind;
    }

    public ModbusFrameKind Kind { get; }

    public byte Address => _bytes[0];

    /// <summary>0x03, or 0x83 for an exception.</summary>
    public byte Function => _bytes[1];

    /// <summary>The whole frame as received, CRC included.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    public int Length => _bytes.Length;

    /// <summary>The registers a query asks for or a response carries; 0 for an exception.</summary>
    public int RegisterCount => Kind switch
    {
        ModbusFrameKind.Query => BinaryPrimitives.ReadUInt16BigEndian(_bytes.AsSpan(4)),
        ModbusFrameKind.Response => _bytes[2] / 2,
        _ => 0,
    };

    /// <summary>The first register a query asks for.</summary>
    /// <exception cref="InvalidOperationException">The frame is not a query (a response does not repeat it).</exception>
    public ushort StartRegister => Kind == ModbusFrameKind.Query
        ? BinaryPrimitives.ReadUInt16BigEndian(_bytes.AsSpan(2))
        : throw NotA(ModbusFrameKind.Query);

    /// <summary>The exception code (1..11) of an exception frame.</summary>
    /// <exception cref="InvalidOperationException">The frame is not an exception.</exception>
    public byte ExceptionCode => Kind == ModbusFrameKind.Exception ? _bytes[2] : throw NotA(ModbusFrameKind.Exception);

    /// <summary>Register <paramref name="index"/> (0-based within the response) as sent, big-endian.</summary>
    /// <exception cref="InvalidOperationException">The frame is not a response.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the response.</exception>
    public ushort GetRegister(int index)
    {
        var data = ResponseData();
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, data.Length / 2);
        return BinaryPrimitives.ReadUInt16BigEndian(data[(2 * index)..]);
    }

    /// <summary>A new array with the response's registers.</summary>
    /// <exception cref="InvalidOperationException">The frame is not a response.</exception>
    public ushort[] GetRegisters()
    {
        var data = ResponseData();
        var registers = new ushort[data.Length / 2];
        for (var i = 0; i < registers.Length; i++)
        {
            registers[i] = BinaryPrimitives.ReadUInt16BigEndian(data[(2 * i)..]);
        }

        return registers;
    }

    /// <summary>The CRC as sent (its two last bytes, low first).</summary>
    public ushort Crc => BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan(_bytes.Length - 2));

    /// <summary>
    /// Parses exactly one frame: the whole of <paramref name="bytes"/> must be a query, a response
    /// or an exception with a matching CRC. Copies the bytes on success.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out ModbusFrame? frame)
    {
        frame = ModbusFrameShape.TryClassify(bytes, out var kind) && ModbusCrc16.IsValidFrame(bytes)
            ? new ModbusFrame(bytes.ToArray(), kind)
            : null;
        return frame is not null;
    }

    /// <summary>
    /// As <see cref="TryParse"/>, with the reason when <paramref name="bytes"/> is not one fn 0x03
    /// frame: too short, a CRC mismatch, another function, or a shape that fits no frame.
    /// </summary>
    public static DecodeResult<ModbusFrame> Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < ModbusRtuLayout.ExceptionLength)
        {
            return new DecodeError(
                DecodeErrorKind.Truncated,
                $"Modbus frame too short: {bytes.Length} bytes, at least {ModbusRtuLayout.ExceptionLength} needed");
        }

        var sent = BinaryPrimitives.ReadUInt16LittleEndian(bytes[^2..]);
        var computed = ModbusCrc16.Compute(bytes[..^2]);
        if (sent != computed)
        {
            return new DecodeError(DecodeErrorKind.BadChecksum, $"Modbus CRC mismatch: frame says 0x{sent:X4}, computed 0x{computed:X4}");
        }

        if (bytes[1] is not (ModbusRtuLayout.ReadHoldingRegisters or ModbusRtuLayout.ReadHoldingRegistersException))
        {
            return new DecodeError(
                DecodeErrorKind.UnexpectedReply,
                $"Modbus function 0x{bytes[1]:X2} is not fn 0x03 (read holding registers), the only one a BMS here answers");
        }

        return ModbusFrameShape.TryClassify(bytes, out var kind)
            ? new ModbusFrame(bytes.ToArray(), kind)
            : new DecodeError(
                DecodeErrorKind.BadFraming,
                $"Modbus frame of {bytes.Length} bytes is neither a query (8), a response (5 + byte count {bytes[2]}) nor an exception (5) from a unit address 1..247");
    }

    /// <summary>Copies a frame a scanner already validated (shape and CRC).</summary>
    internal static ModbusFrame CopyOf(ReadOnlySpan<byte> validated, ModbusFrameKind kind) =>
        new(validated.ToArray(), kind);

    public override string ToString() => $"{Kind} 0x{Address:X2}: {Convert.ToHexString(_bytes)}";

    private ReadOnlySpan<byte> ResponseData() =>
        Kind == ModbusFrameKind.Response ? _bytes.AsSpan(3, _bytes[2]) : throw NotA(ModbusFrameKind.Response);

    private InvalidOperationException NotA(ModbusFrameKind wanted) =>
        new($"This Modbus frame is a {Kind.ToString().ToLowerInvariant()}, not a {wanted.ToString().ToLowerInvariant()}.");
}
