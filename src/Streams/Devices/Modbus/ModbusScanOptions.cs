namespace Streams.Devices.Modbus;

/// <summary>
/// What <see cref="ModbusRtuScanner"/> looks for. <see cref="Sniffing"/> (the default) accepts
/// fn 0x03 queries, responses and exceptions from any unit address; <see cref="ReplyFrom"/> is for
/// a poller that sent one query and only wants its reply.
/// </summary>
public readonly record struct ModbusScanOptions
{
    /// <summary>Queries, responses and exceptions of fn 0x03 from any unit address 1..247.</summary>
    public static ModbusScanOptions Sniffing => default;

    /// <summary>True when only the reply to one query is wanted.</summary>
    public bool IsReply { get; private init; }

    /// <summary>The address the reply must come from (reply mode).</summary>
    public byte ReplyAddress { get; private init; }

    /// <summary>The number of registers the reply must carry (reply mode).</summary>
    public ushort ReplyRegisterCount { get; private init; }

    /// <summary>
    /// Reply mode: a response must come from <paramref name="address"/> with exactly
    /// 2 × <paramref name="registerCount"/> data bytes, or be an exception from that address. Any
    /// other response shape is skipped at once instead of being waited for. Queries (such as the
    /// poller's own query echoed by an RS-485 adapter) are still recognised so they are not
    /// mistaken for garbage, but the Rx operator does not emit them in this mode.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The address is not 1..247 or the count not 1..125.</exception>
    public static ModbusScanOptions ReplyFrom(byte address, ushort registerCount)
    {
        if (!ModbusRtuLayout.IsUnitAddress(address))
        {
            throw new ArgumentOutOfRangeException(nameof(address), address, "A Modbus unit address is 1..247.");
        }

        if (!ModbusRtuLayout.IsRegisterCount(registerCount))
        {
            throw new ArgumentOutOfRangeException(nameof(registerCount), registerCount, "fn 0x03 reads 1..125 registers.");
        }

        return new ModbusScanOptions { IsReply = true, ReplyAddress = address, ReplyRegisterCount = registerCount };
    }

    internal bool AcceptsResponseFrom(byte address) =>
        IsReply ? address == ReplyAddress : ModbusRtuLayout.IsUnitAddress(address);

    /// <summary>The response length a byte count implies under these options; 0 when not acceptable.</summary>
    internal int ResponseLength(byte byteCount) =>
        IsReply
            ? byteCount == 2 * ReplyRegisterCount ? ModbusRtuLayout.ResponseOverhead + byteCount : 0
            : ModbusRtuLayout.ResponseLength(byteCount);

    internal bool Emits(ModbusFrameKind kind) => !IsReply || kind != ModbusFrameKind.Query;
}
