using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using Streams.Devices.Modbus;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Modbus;

public sealed class ModbusReadRequestTests
{
    [Fact]
    public void Builds_the_captured_status_request_of_aiobmsble()
    {
        // Vector eg4ll-req-status-a1 (patman15/aiobmsble tests/bms/test_eg4_bms.py CMD_STATUS).
        ModbusReadRequest.Create(0x01, 0x0000, 39).Should().Equal(FramingVectors.Bytes("eg4ll-req-status-a1"));
    }

    [Fact]
    public void Builds_the_query_of_the_captured_6500EX_bus_stream()
    {
        // Vector modbus-sniff-stream-req-resp: the first 8 bytes are the inverter's query (start 19, count 16).
        ModbusReadRequest.Create(0x01, 19, 16).Should().Equal(FramingVectors.Bytes("modbus-sniff-stream-req-resp")[..8]);
    }

    [Fact]
    public void Writes_into_a_span_without_allocating()
    {
        Span<byte> destination = stackalloc byte[16];
        ModbusReadRequest.Write(destination, 0x40, 0, 39);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var written = ModbusReadRequest.Write(destination, 0x40, 0, 39);

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
        written.Should().Be(8);
        destination[..8].ToArray().Should().Equal(ModbusReadRequest.Create(0x40, 0, 39));
    }

    [Theory]
    [InlineData(0, 0, 1)]
    [InlineData(248, 0, 1)]
    [InlineData(1, 0, 0)]
    [InlineData(1, 0, 126)]
    [InlineData(1, 0xFFFF, 2)]
    public void Rejects_what_no_device_could_answer(int address, int start, int count)
    {
        var build = () => ModbusReadRequest.Create((byte)address, (ushort)start, (ushort)count);

        build.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Rejects_a_destination_shorter_than_a_query()
    {
        var build = () => ModbusReadRequest.Write(new byte[7], 1, 0, 1);

        build.Should().Throw<ArgumentException>().WithMessage("*8 bytes*");
    }

    [Fact]
    public void Every_request_parses_back_as_the_query_it_was_built_from()
    {
        var requests = Gen.Choose(1, 247).SelectMany(
            address => Gen.Choose(1, 125).SelectMany(
                count => Gen.Choose(0, 0x10000 - count).Select(start => (Address: (byte)address, Start: (ushort)start, Count: (ushort)count))));

        Check.One(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(requests.ToArbitrary(), r =>
        {
            var parsed = ModbusFrame.TryParse(ModbusReadRequest.Create(r.Address, r.Start, r.Count), out var frame);
            return parsed
                && frame!.Kind == ModbusFrameKind.Query
                && frame.Address == r.Address
                && frame.StartRegister == r.Start
                && frame.RegisterCount == r.Count;
        }));
    }
}
