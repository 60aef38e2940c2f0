using System.Reactive.Concurrency;

namespace Streams.Devices.Modbus.Sniffing;

/// <summary>
/// The pairing state of one sniffing subscription. Modbus RTU runs one transaction at a time (a
/// master waits for the reply or its timeout before the next query), so only the latest query can
/// be outstanding: a response pairs with it when the address matches and its byte count is twice the
/// query's count. Any answer, right or wrong, closes the query, so a later response whose own query
/// was lost cannot be paired with stale registers.
/// </summary>
internal sealed class ReadPairing(SnifferCounters counters, IScheduler? clock)
{
    private ModbusFrame? _outstanding;

    /// <summary>Returns the read a response completes, or null.</summary>
    public PairedRead? Next(ModbusFrame frame)
    {
        switch (frame.Kind)
        {
            case ModbusFrameKind.Query:
                counters.AddQuery();
                if (_outstanding is not null)
                {
                    counters.AddUnansweredQuery();
                }

                _outstanding = frame;
                return null;
            case ModbusFrameKind.Exception:
                counters.AddException();
                CloseIfFrom(frame.Address);
                return null;
            default:
                counters.AddResponse();
                return Pair(frame);
        }
    }

    private PairedRead? Pair(ModbusFrame response)
    {
        var query = _outstanding;
        if (query is null || query.Address != response.Address)
        {
            counters.AddUnpairedResponse();
            return null;
        }

        _outstanding = null;
        if (response.RegisterCount != query.RegisterCount)
        {
            counters.AddByteCountMismatch();
            return null;
        }

        counters.AddPairedRead();
        return new PairedRead(response.Address, query.StartRegister, response.GetRegisters(), clock?.Now);
    }

    private void CloseIfFrom(byte address)
    {
        if (_outstanding?.Address == address)
        {
            _outstanding = null;
        }
    }
}
