using Streams.Devices.Modbus;
using Streams.Tests.Polling;
using Streams.Tests.Support;

namespace Streams.Tests.Transports.Tcp;

/// <summary>
/// A Modbus TCP gateway in front of scripted RTU packs: each request is read as Modbus TCP, handed
/// to the packs in its RTU form, and every reply sent back with the request's transaction id.
/// </summary>
internal static class ModbusTcpGatewayScript
{
    public static Func<byte[], IEnumerable<ScriptedReply>> InFrontOf(Func<byte[], IEnumerable<ScriptedReply>> packs) =>
        request => Observed<ModbusFrame>.Of(Chunks.AsOneChunk(request).FrameModbusTcp()).Items switch
        {
            [{ TransactionId: { } transaction } query] => packs(query.Bytes.ToArray())
                .Select(reply => reply with { Bytes = ModbusTcpAdu.FromRtu(transaction, reply.Bytes) })
                .ToList(),
            _ => [],
        };
}
