using System.Reactive.Linq;
using Streams.Core;
using Streams.Devices.Modbus;
using Streams.Polling;
using Streams.Polling.Bus;
using static Streams.Devices.Eg4Ll.Eg4LlMasterMap;

namespace Streams.Devices.Eg4Ll;

/// <summary>
/// What a pack whose status read came back as the master map (<see cref="Eg4LlDecoder.IsMasterMap"/>)
/// is read for next: the rest of the bank block up to 41 that the status read did not cover, then its
/// cells at 113..128. Both are extras: a pack that refuses or ignores them still yields the bank values
/// the status read held, so a master is a reading, never an error for a register it lacks.
/// </summary>
internal sealed class Eg4ModbusMasterReads
{
    private readonly BusConnection<ModbusFrame> _bus;
    private readonly TimeSpan _timeout;
    private readonly byte _address;
    private readonly string _port;
    private readonly ModbusWire _wire;
    private readonly (ushort Start, ushort Count)[] _extras;

    /// <param name="wire">Builds each read afresh: a Modbus TCP read carries a new transaction id every time.</param>
    public Eg4ModbusMasterReads(byte address, int registerCount, BusOptions options, BusConnection<ModbusFrame> bus, ModbusWire wire)
    {
        _bus = bus;
        _timeout = options.Timeout;
        _address = address;
        _port = options.Port;
        _wire = wire;
        var bankEnd = BankStart + BankCount;
        var cells = ((ushort)FirstCell, (ushort)CellRegisters);
        _extras = registerCount < bankEnd
            ? [((ushort)registerCount, (ushort)(bankEnd - registerCount)), cells]
            : [cells];
    }

    /// <summary>The master status of <paramref name="statusRegisters"/> (read from 0) and what the extra reads add.</summary>
    public IObservable<DecodeResult<Eg4LlMasterStatus>> Read(ushort[] statusRegisters) =>
        _extras.ToObservable()
            .Select(extra => Observable.Defer(() => _bus.Exchange(_wire.Read(_address, extra.Start, extra.Count, _port), _timeout))
                .Select(reply => (Start: (int)extra.Start, Registers: ModbusReplies.Registers(reply)))
                .Catch((Exception _) => Observable.Empty<(int Start, DecodeResult<ushort[]> Registers)>()))
            .Concat()
            .Aggregate(
                Eg4LlMasterDecoder.Collect(statusRegisters, 0),
                (registers, read) => read.Registers.TryGetValue(out var values, out _) ? Eg4LlMasterDecoder.Collect(values, read.Start, registers) : registers)
            .Select(Eg4LlMasterDecoder.Decode);
}
