using System.Reactive.Concurrency;
using FluentAssertions;
using Streams.Devices.Eg4Legacy;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Jbd;
using Streams.Devices.Modbus;
using Streams.Simulation;
using Streams.Tests.Support;
using Streams.Tests.Transports.Serial;
using Streams.Transports.Serial;
using Xunit;

namespace Streams.Tests.Simulation;

/// <summary>The bus frames requests, routes them by address and writes replies; nothing breaks it.</summary>
public sealed class SimulatedBusTests : IDisposable
{
    private readonly HistoricalScheduler _clock = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeSerialLink _link = new("/dev/fake (master)");

    public void Dispose() => _link.Dispose();

    [Fact]
    public void Each_request_is_answered_by_the_pack_at_its_address()
    {
        var one = new SimulatedEg4LlPack(1, 16, _clock, seed: 1);
        var two = new SimulatedEg4LlPack(2, 16, _clock, seed: 2);
        using var bus = SimulatedBus.Start(_link, [one, two], _clock);

        _link.Emit(ModbusReadRequest.Create(2, 0, 39));
        _link.Emit(ModbusReadRequest.Create(1, 0, 39));
        _link.Emit(ModbusReadRequest.Create(3, 0, 39));

        _link.Written.Select(w => w[0]).Should().Equal(2, 1);
        _link.Written[0].Should().Equal(two.Answer(ModbusReadRequest.Create(2, 0, 39)));
        _link.Written[1].Should().Equal(one.Answer(ModbusReadRequest.Create(1, 0, 39)));
        (bus.Answered, bus.Unanswered, bus.Faults).Should().Be((2, 1, 0));
    }

    [Fact]
    public void Requests_cut_anywhere_and_mixed_with_garbage_are_still_found()
    {
        using var bus = SimulatedBus.Start(_link, [new SimulatedEg4LlPack(1, 16, _clock, seed: 1)], _clock);
        byte[] stream = [0xFF, 0x00, .. ModbusReadRequest.Create(1, 0, 39), 0x55, .. ModbusReadRequest.Create(1, 105, 23)];

        foreach (var piece in stream.Chunk(3))
        {
            _link.Emit(piece);
        }

        _link.Written.Should().HaveCount(2);
        Eg4LlFrames.DecodeStatus(_link.Written[0]).IsSuccess.Should().BeTrue();
        Eg4LlFrames.DecodeIdentity(_link.Written[1]).Value.Firmware.Should().Be("Z02T04");
    }

    [Fact]
    public void A_reply_delay_waits_on_the_scheduler()
    {
        using var bus = SimulatedBus.Start(_link, [new SimulatedEg4LlPack(1, 16, _clock, seed: 1)], _clock, TimeSpan.FromMilliseconds(40));

        _link.Emit(ModbusReadRequest.Create(1, 0, 39));
        _clock.AdvanceBy(TimeSpan.FromMilliseconds(39));
        var early = _link.Written.Count;
        _clock.AdvanceBy(TimeSpan.FromMilliseconds(1));

        early.Should().Be(0);
        _link.Written.Should().ContainSingle();
    }

    [Fact]
    public void Disposing_the_bus_cancels_pending_replies_and_stops_answering()
    {
        var bus = SimulatedBus.Start(_link, [new SimulatedEg4LlPack(1, 16, _clock, seed: 1)], _clock, TimeSpan.FromSeconds(1));
        _link.Emit(ModbusReadRequest.Create(1, 0, 39));

        bus.Dispose();
        _clock.AdvanceBy(TimeSpan.FromSeconds(2));
        _link.Emit(ModbusReadRequest.Create(1, 0, 39));
        _clock.AdvanceBy(TimeSpan.FromSeconds(2));

        _link.Written.Should().BeEmpty();
        bus.IsRunning.Should().BeFalse();
    }

    [Fact]
    public void A_throwing_device_or_a_failing_write_is_counted_and_the_bus_keeps_serving()
    {
        var failingLink = new FailingWriteLink(_link, failFirst: 1);
        using var bus = SimulatedBus.Start(failingLink, [new ThrowingDevice(7), new SimulatedEg4LlPack(1, 16, _clock, seed: 1)], _clock);

        _link.Emit(ModbusReadRequest.Create(7, 0, 39));
        _link.Emit(ModbusReadRequest.Create(1, 0, 39));
        _link.Emit(ModbusReadRequest.Create(1, 0, 39));

        bus.Faults.Should().Be(2);
        bus.LastFault.Should().BeOfType<TimeoutException>();
        bus.Answered.Should().Be(1);
        _link.Written.Should().ContainSingle();
        bus.IsRunning.Should().BeTrue();
    }

    [Fact]
    public void The_bus_stops_when_its_link_is_lost()
    {
        using var bus = SimulatedBus.Start(_link, [new SimulatedEg4LlPack(1, 16, _clock, seed: 1)], _clock);

        _link.Unplug();

        bus.IsRunning.Should().BeFalse();
        bus.LastFault.Should().BeOfType<SerialDisconnectedException>();
    }

    [Fact]
    public void A_7E_bus_routes_by_the_7E_address()
    {
        using var bus = SimulatedBus.Start(_link, [new SimulatedEg47EPack(1, 16, _clock, 1), new SimulatedEg47EPack(2, 16, _clock, 2)], _clock);

        _link.Emit([.. Eg4LegacyRequest.Build(2, Eg4LegacyCommand.GeneralStatus), .. Eg4LegacyRequest.Build(1, Eg4LegacyCommand.FirmwareVersion)]);

        Eg4LegacyDecoder.DecodeStatus(_link.Written[0]).Value.Address.Should().Be(2);
        Eg4LegacyDecoder.DecodeText(_link.Written[1], Eg4LegacyCommand.FirmwareVersion).Value.Address.Should().Be(1);
    }

    [Fact]
    public void A_JBD_bus_answers_reads_and_writes_but_not_its_own_replies()
    {
        var bms = new SimulatedJbdBms(4, _clock, seed: 1);
        using var bus = SimulatedBus.Start(_link, [bms], _clock);

        _link.Emit([.. JbdCommands.ReadCellVoltages(), .. JbdCommands.SetMosfets(chargeOn: false, dischargeOn: true)]);
        _link.Emit(_link.Written[0]);

        _link.Written.Should().HaveCount(2);
        JbdDecoder.DecodeCellVoltages(_link.Written[0]).Value.Millivolts.Should().HaveCount(4);
        _link.Written[1].Should().Equal(0xDD, 0xE1, 0x00, 0x00, 0x00, 0x00, 0x77);
        bms.ChargeMosfetOn.Should().BeFalse();
    }

    [Fact]
    public void Invalid_device_sets_are_refused()
    {
        var eg4 = new SimulatedEg4LlPack(1, 16, _clock, 1);

        ((Action)(() => SimulatedBus.Start(_link, [], _clock))).Should().Throw<ArgumentException>();
        ((Action)(() => SimulatedBus.Start(_link, [eg4, new SimulatedEg47EPack(2, 16, _clock, 1)], _clock))).Should().Throw<ArgumentException>().WithMessage("*same protocol*");
        ((Action)(() => SimulatedBus.Start(_link, [eg4, new SimulatedEg4LlMasterPack(1, 16, _clock, 1)], _clock))).Should().Throw<ArgumentException>().WithMessage("*address 1*");
        ((Action)(() => SimulatedBus.Start(_link, [new SimulatedJbdBms(4, _clock, 1), new SimulatedJbdBms(4, _clock, 2)], _clock))).Should().Throw<ArgumentException>().WithMessage("*one JBD*");
    }

    private sealed class ThrowingDevice(byte address) : ISimulatedDevice
    {
        public SimulatedProtocol Protocol => ModbusSimulation.Protocol;

        public byte Address => address;

        public byte[]? Answer(ReadOnlySpan<byte> request) => throw new InvalidOperationException("device bug (test)");
    }

    private sealed class FailingWriteLink(FakeSerialLink inner, int failFirst) : ISerialLink
    {
        private int _failuresLeft = failFirst;

        public string Path => inner.Path;

        public IObservable<ReadOnlyMemory<byte>> Received => inner.Received;

        public void Write(ReadOnlySpan<byte> data)
        {
            if (_failuresLeft-- > 0)
            {
                throw new TimeoutException("write timed out (test)");
            }

            inner.Write(data);
        }

        public void Dispose() => inner.Dispose();
    }
}
