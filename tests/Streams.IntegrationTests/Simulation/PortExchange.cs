using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Streams.Devices.Modbus;
using Streams.IntegrationTests.Serial;
using Streams.Polling;
using Streams.Transports.Serial;

namespace Streams.IntegrationTests.Simulation;

/// <summary>Request/reply over a real port with the product's own framers, with a bounded wait.</summary>
internal static class PortExchange
{
    /// <summary>Subscribes to <paramref name="replies"/> first, then writes <paramref name="request"/>, then awaits the first reply.</summary>
    public static async Task<T> AskAsync<T>(this ISerialLink port, byte[] request, IObservable<T> replies)
    {
        var reply = replies.FirstAsync().ToTask();
        port.Write(request);
        return await reply.Within();
    }

    /// <summary>A fn 0x03 read as a poller does it: the query, then the first frame its request matches as the reply.</summary>
    public static Task<ModbusFrame> ReadRegistersAsync(this ISerialLink port, byte address, ushort start, ushort count)
    {
        var request = ModbusPollRequests.Read(address, start, count, port.Path);
        return port.AskAsync(
            request.Bytes.ToArray(),
            port.Received.FrameModbusRtu().Where(frame => request.Match(frame) == ReplyMatch.Reply));
    }
}
