using System.Reactive.Concurrency;
using System.Reactive.Linq;
using FluentAssertions;
using Streams.Devices.Modbus;
using Streams.Devices.Modbus.Sniffing;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Modbus.Sniffing;

public sealed class PairReadsTests
{
    private static readonly DateTimeOffset Noon = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Pairs_the_captured_6500EX_query_and_response()
    {
        // Vector modbus-sniff-stream-req-resp: query start 19 count 16, then the 32-byte response (registers 19..34).
        var clock = new HistoricalScheduler(Noon);
        var counters = new SnifferCounters();

        var observed = Observed<PairedRead>.Of(
            Chunks.OfSize(FramingVectors.Bytes("modbus-sniff-stream-req-resp"), 13).ToObservable().FrameModbusRtu(counters.Framing).PairReads(counters, clock));

        var read = observed.Items.Should().ContainSingle().Subject;
        read.Address.Should().Be(1);
        read.StartRegister.Should().Be(19);
        read.Registers.Should().HaveCount(16);
        read.Registers[0].Should().Be(0x67, "reg19_status_raw is 0x67");
        read.TryGetRegister(21, out var soc).Should().BeTrue();
        soc.Should().Be(99, "the vector derives SoC 99 from register 21");
        read.TryGetRegister(35, out _).Should().BeFalse();
        read.At.Should().Be(Noon);
        counters.Snapshot().Should().Be(new SnifferStatistics(
            Queries: 1, Responses: 1, PairedReads: 1, UnpairedResponses: 0, ByteCountMismatches: 0,
            Exceptions: 0, UnansweredQueries: 0, CrcFailures: 0, DiscardedBytes: 0));
    }

    [Fact]
    public void Without_a_clock_the_read_has_no_timestamp()
    {
        var observed = Observed<PairedRead>.Of(Chunks.AsOneChunk(FramingVectors.Bytes("modbus-sniff-stream-req-resp")).FrameModbusRtu().PairReads());

        observed.Items.Should().ContainSingle().Which.At.Should().BeNull();
    }

    [Fact]
    public void A_damaged_response_is_a_crc_failure_and_pairs_nothing()
    {
        // The sniff-stream query, then vector modbus-neg-badcrc-resp, then a good round for address 2.
        byte[] stream =
        [
            .. FramingVectors.Bytes("modbus-sniff-stream-req-resp")[..8],
            .. FramingVectors.Bytes("modbus-neg-badcrc-resp"),
            .. ModbusFrames.Query(0x02, 0, 39),
            .. FramingVectors.Bytes("eg4ll-wombatt-info"),
        ];
        var counters = new SnifferCounters();

        var observed = Observed<PairedRead>.Of(Chunks.OfSize(stream, 32).ToObservable().FrameModbusRtu(counters.Framing).PairReads(counters));

        observed.Items.Should().ContainSingle().Which.Address.Should().Be(2);
        counters.Snapshot().Should().Be(new SnifferStatistics(
            Queries: 2, Responses: 1, PairedReads: 1, UnpairedResponses: 0, ByteCountMismatches: 0,
            Exceptions: 0, UnansweredQueries: 1, CrcFailures: 1, DiscardedBytes: 37));
    }

    [Fact]
    public void A_response_without_a_query_is_unpaired()
    {
        var counters = new SnifferCounters();

        var observed = Observed<PairedRead>.Of(Frames(FramingVectors.Bytes("eg4-bus-resp-6500ex")).PairReads(counters));

        observed.Items.Should().BeEmpty();
        counters.Snapshot().UnpairedResponses.Should().Be(1);
    }

    [Fact]
    public void A_response_from_another_address_is_unpaired_and_the_query_stays_open()
    {
        var counters = new SnifferCounters();

        var observed = Observed<PairedRead>.Of(Frames(
            ModbusFrames.Query(0x01, 19, 16),
            ModbusFrames.Response(0x05, new ushort[16]),
            FramingVectors.Bytes("eg4-bus-resp-6500ex")).PairReads(counters));

        observed.Items.Should().ContainSingle().Which.Address.Should().Be(1);
        counters.Snapshot().UnpairedResponses.Should().Be(1);
    }

    [Fact]
    public void A_byte_count_that_is_not_twice_the_query_count_is_a_mismatch_and_closes_the_query()
    {
        var counters = new SnifferCounters();

        var observed = Observed<PairedRead>.Of(Frames(
            ModbusFrames.Query(0x01, 0, 39),
            FramingVectors.Bytes("eg4-bus-resp-6500ex"),
            FramingVectors.Bytes("eg4-bus-resp-6500ex")).PairReads(counters));

        observed.Items.Should().BeEmpty();
        var statistics = counters.Snapshot();
        statistics.ByteCountMismatches.Should().Be(1);
        statistics.UnpairedResponses.Should().Be(1, "the second response has no open query left");
    }

    [Fact]
    public void An_exception_is_counted_and_answers_the_query()
    {
        var counters = new SnifferCounters();

        var observed = Observed<PairedRead>.Of(Frames(
            ModbusFrames.Query(0x01, 19, 16),
            ModbusFrames.Exception(0x01, 2),
            FramingVectors.Bytes("eg4-bus-resp-6500ex")).PairReads(counters));

        observed.Items.Should().BeEmpty();
        var statistics = counters.Snapshot();
        statistics.Exceptions.Should().Be(1);
        statistics.UnpairedResponses.Should().Be(1);
        statistics.UnansweredQueries.Should().Be(0);
    }

    [Fact]
    public void Only_the_latest_query_is_outstanding()
    {
        // Modbus RTU has one transaction at a time: the reply after q(2) cannot answer the older q(1).
        var counters = new SnifferCounters();

        var observed = Observed<PairedRead>.Of(Frames(
            ModbusFrames.Query(0x01, 19, 16),
            ModbusFrames.Query(0x02, 0, 39),
            FramingVectors.Bytes("eg4-bus-resp-6500ex"),
            FramingVectors.Bytes("eg4ll-wombatt-info")).PairReads(counters));

        observed.Items.Should().ContainSingle().Which.Address.Should().Be(2);
        var statistics = counters.Snapshot();
        statistics.UnansweredQueries.Should().Be(1);
        statistics.UnpairedResponses.Should().Be(1);
    }

    [Fact]
    public void Pairs_many_rounds_of_several_packs_in_order()
    {
        var rounds = Enumerable.Range(0, 50).SelectMany(round => new[] { (byte)1, (byte)2, (byte)0x40 }.SelectMany(address => new[]
        {
            ModbusFrames.Query(address, (ushort)round, 3),
            ModbusFrames.Response(address, (ushort)round, address, 7),
        })).ToArray();

        var observed = Observed<PairedRead>.Of(Frames(rounds).PairReads());

        observed.Items.Should().HaveCount(150);
        observed.Items.Should().OnlyContain(r => r.Registers[0] == r.StartRegister && r.Registers[1] == r.Address && r.Registers[2] == 7);
    }

    [Fact]
    public void Each_subscription_pairs_on_its_own()
    {
        var reads = Frames(ModbusFrames.Query(0x01, 19, 16), FramingVectors.Bytes("eg4-bus-resp-6500ex")).PairReads();

        Observed<PairedRead>.Of(reads).Items.Should().ContainSingle();
        Observed<PairedRead>.Of(reads).Items.Should().ContainSingle();
    }

    [Fact]
    public void Errors_and_completion_pass_through()
    {
        var failure = new IOException("gone");

        var observed = Observed<PairedRead>.Of(Observable.Throw<ModbusFrame>(failure).PairReads());

        observed.Error.Should().BeSameAs(failure);
        Observed<PairedRead>.Of(Observable.Empty<ModbusFrame>().PairReads()).Completed.Should().BeTrue();
    }

    private static IObservable<ModbusFrame> Frames(params byte[][] frames) =>
        frames.Select(bytes => ModbusFrame.TryParse(bytes, out var frame) ? frame : throw new ArgumentException("not a frame"))
            .ToObservable();
}
