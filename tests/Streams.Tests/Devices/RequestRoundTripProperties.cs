using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using Streams.Devices.Eg4Legacy;
using Streams.Devices.Jbd;
using Streams.Devices.Modbus;
using Xunit;

namespace Streams.Tests.Devices;

/// <summary>Every request a builder makes decodes back to what was asked for.</summary>
public class RequestRoundTripProperties
{
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void Modbus_queries_decode_to_their_address_start_and_count()
    {
        var queries =
            from address in Gen.Choose(ModbusRtuLayout.MinUnitAddress, ModbusRtuLayout.MaxUnitAddress)
            from count in Gen.Choose(1, ModbusRtuLayout.MaxRegisterCount)
            from start in Gen.Choose(0, 0x10000 - count)
            select (address: (byte)address, start: (ushort)start, count: (ushort)count);

        Check.One(Runs, Prop.ForAll(queries.ToArbitrary(), q =>
        {
            var message = ModbusFrame.Parse(ModbusReadRequest.Create(q.address, q.start, q.count)).Value;

            new { message.Kind, message.Address, message.StartRegister, Count = (ushort)message.RegisterCount }.Should().Be(new { Kind = ModbusFrameKind.Query, Address = q.address, StartRegister = q.start, Count = q.count });
        }));
    }

    [Fact]
    public void Jbd_reads_and_writes_decode_to_their_register_and_data()
    {
        var writes =
            from register in Gen.Choose(0, 255)
            from data in Gen.Choose(0, 40).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n))
            from isWrite in Gen.Elements(true, false)
            select (register: (byte)register, data: isWrite ? data : [], isWrite);

        Check.One(Runs, Prop.ForAll(writes.ToArbitrary(), w =>
        {
            var frame = w.isWrite ? JbdCommands.Write(w.register, w.data) : JbdCommands.Read(w.register);

            var request = JbdDecoder.DecodeRequest(frame).Value;

            request.IsWrite.Should().Be(w.isWrite);
            request.Register.Should().Be(w.register);
            request.Data.Should().Equal(w.data);
        }));
    }

    [Fact]
    public void Eg4_7e_requests_decode_with_a_checksum_that_matches_the_rule()
    {
        var requests =
            from address in Gen.Choose(0, 255)
            from command in Gen.Elements(Enum.GetValues<Eg4LegacyCommand>())
            select (address: (byte)address, command);

        Check.One(Runs, Prop.ForAll(requests.ToArbitrary(), r =>
        {
            var request = Eg4LegacyRequest.Decode(Eg4LegacyRequest.Build(r.address, r.command)).Value;

            request.Address.Should().Be(r.address);
            request.Command.Should().Be((byte)r.command);
            request.ChecksumMatchesRule.Should().BeTrue();
        }));
    }
}
