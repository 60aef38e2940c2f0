using FluentAssertions;
using Streams.Devices.Modbus;
using Streams.Polling;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Modbus;

/// <summary>The two framings behind one seam: what each writes for a read and which frames it takes for the reply.</summary>
public sealed class ModbusWireTests
{
    private static ModbusFrame Tcp(ushort transaction, byte[] rtu) =>
        Observed<ModbusFrame>.Of(Chunks.AsOneChunk(ModbusTcpAdu.FromRtu(transaction, rtu)).FrameModbusTcp()).Items.Single();

    private static ModbusFrame Rtu(byte[] rtu) => ModbusFrame.TryParse(rtu, out var frame) ? frame : throw new ArgumentException("not a frame");

    [Fact]
    public void Modbus_tcp_numbers_each_read_and_takes_only_the_reply_with_that_number_unit_and_count()
    {
        var framing = ModbusWire.Tcp();

        var first = framing.Read(7, 0, 39, "tcp://gw:502");
        var second = framing.Read(7, 0, 39, "tcp://gw:502");

        Convert.ToHexString(first.Bytes.Span).Should().Be("000100000006070300000027");
        Convert.ToHexString(second.Bytes.Span).Should().Be("000200000006070300000027");
        second.Description.Should().Be(first.Description).And.Be("read of registers 0-38 from 0x07 on tcp://gw:502");
        var reply = ModbusFrames.Response(7, new ushort[39]);
        second.Match(Tcp(2, reply)).Should().Be(ReplyMatch.Reply);
        second.Match(Tcp(1, reply)).Should().Be(ReplyMatch.Foreign, "the late reply to the first read is not the answer to the second");
        second.Match(Tcp(2, ModbusFrames.Response(8, new ushort[39]))).Should().Be(ReplyMatch.Foreign, "another unit");
        second.Match(Tcp(2, ModbusFrames.Response(7, new ushort[23]))).Should().Be(ReplyMatch.Foreign, "another register count");
        second.Match(Tcp(2, ModbusFrames.Exception(7, 0x0B))).Should().Be(ReplyMatch.Reply, "a gateway's exception answers the read");
        second.Match(Tcp(2, ModbusFrames.Query(7, 0, 39))).Should().Be(ReplyMatch.Foreign);
        second.Match(Rtu(reply)).Should().Be(ReplyMatch.Foreign, "an RTU frame carries no transaction id");
    }

    [Fact]
    public void Modbus_tcp_transaction_ids_wrap_after_65535()
    {
        var framing = ModbusWire.Tcp();
        for (var i = 0; i < 65535; i++)
        {
            framing.Read(1, 0, 1, "p");
        }

        framing.Read(1, 0, 1, "p").Bytes.Span[..2].ToArray().Should().Equal(0, 0);
        framing.Read(1, 0, 1, "p").Bytes.Span[..2].ToArray().Should().Equal(0, 1);
    }

    [Fact]
    public void Rtu_writes_the_same_read_each_time_and_ignores_its_echo()
    {
        var read = ModbusWire.Rtu.Read(1, 0, 39, "/dev/ttyUSB0");

        read.Bytes.ToArray().Should().Equal(FramingVectors.Bytes("eg4ll-req-status-a1"));
        ModbusWire.Rtu.Read(1, 0, 39, "/dev/ttyUSB0").Bytes.ToArray().Should().Equal(read.Bytes.ToArray());
        read.Match(Rtu(read.Bytes.ToArray())).Should().Be(ReplyMatch.Echo);
        read.Match(Rtu(ModbusFrames.Response(1, new ushort[39]))).Should().Be(ReplyMatch.Reply);
        read.Match(Rtu(ModbusFrames.Response(2, new ushort[39]))).Should().Be(ReplyMatch.Foreign);
        read.Match(Rtu(ModbusFrames.Exception(1, 2))).Should().Be(ReplyMatch.Reply);
    }

    [Fact]
    public void Both_frame_their_own_bytes_into_the_same_model()
    {
        var counters = new Streams.Framing.FramingCounters();
        var response = ModbusFrames.Response(3, 10, 20, 30);

        var rtu = Observed<ModbusFrame>.Of(ModbusWire.Rtu.Frames(Chunks.AsOneChunk(response), counters)).Items.Single();
        var tcp = Observed<ModbusFrame>.Of(ModbusWire.Tcp().Frames(Chunks.AsOneChunk(ModbusTcpAdu.FromRtu(9, response)), counters)).Items.Single();

        tcp.GetRegisters().Should().Equal(rtu.GetRegisters());
        tcp.Bytes.ToArray().Should().Equal(rtu.Bytes.ToArray());
        (rtu.TransactionId, tcp.TransactionId).Should().Be((null, (ushort)9));
        ModbusWire.Rtu.Name.Should().Be("Modbus RTU");
        ModbusWire.Tcp().ToString().Should().Be("Modbus TCP");
    }

    [Fact]
    public void A_capture_of_modbus_tcp_holds_the_rtu_frames_the_gateway_puts_on_its_bus()
    {
        var capture = ModbusWire.Tcp().CaptureAs!;
        var response = ModbusFrames.Response(7, 1, 2, 3);
        var replies = ModbusTcpAdu.FromRtu(5, response).Concat(ModbusTcpAdu.FromRtu(6, ModbusFrames.Exception(7, 0x0B))).ToArray();

        capture.Written(ModbusTcpAdu.ReadRequest(5, 7, 0, 3)).ToArray().Should().Equal(ModbusReadRequest.Create(7, 0, 3));
        capture.Written([1, 2, 3]).ToArray().Should().Equal([1, 2, 3], "what is not a frame is recorded as it is");
        Observed<ReadOnlyMemory<byte>>.Of(capture.Received(Chunks.OfSize(replies, 5).ToObservable())).Items
            .Select(bytes => bytes.ToArray()).Should().BeEquivalentTo([response, ModbusFrames.Exception(7, 0x0B)], o => o.WithStrictOrdering());
        ModbusWire.Rtu.CaptureAs.Should().BeNull("RTU bytes are the bus's own");
    }
}
