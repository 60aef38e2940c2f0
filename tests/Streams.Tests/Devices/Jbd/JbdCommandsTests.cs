using FluentAssertions;
using Streams.Devices.Jbd;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Jbd;

public class JbdCommandsTests
{
    // Source: syssi/esphome-jbd-bms docs/Jiabaida.communication.protocol.pdf (JBD General Protocol V4) + docs/pdus/*
    [Theory]
    [InlineData("jbd-req-03", JbdRegister.BasicInfo)]
    [InlineData("jbd-req-04", JbdRegister.CellVoltages)]
    [InlineData("jbd-req-05", JbdRegister.HardwareVersion)]
    public void Read_request_vectors_are_built_byte_for_byte(string id, byte register)
    {
        var vector = FrameVectors.Get(id);
        var built = register switch
        {
            JbdRegister.BasicInfo => JbdCommands.ReadBasicInfo(),
            JbdRegister.CellVoltages => JbdCommands.ReadCellVoltages(),
            _ => JbdCommands.ReadHardwareVersion(),
        };

        built.Should().Equal(vector.Bytes);
        vector.Text("action").Should().Be("read");
        vector.Text("register").Should().StartWith($"0x{register:X2}");
        Convert.ToHexString(built.AsSpan(4, 2)).Should().Be(vector.Text("checksum")[2..]);
    }

    // Same sources: a built request decodes back to its register (round trip).
    [Theory]
    [InlineData("jbd-req-03")]
    [InlineData("jbd-req-04")]
    [InlineData("jbd-req-05")]
    public void Read_request_vectors_decode_as_reads(string id)
    {
        var vector = FrameVectors.Get(id);

        var request = JbdDecoder.DecodeRequest(vector.Bytes).Value;

        request.IsWrite.Should().BeFalse();
        request.Register.Should().Be(Convert.ToByte(vector.Text("register")[2..4], 16));
        request.Data.Should().BeEmpty();
    }

    // Source: syssi/esphome-jbd-bms tests/components/jbd_bms/write_command_test.cpp +
    // docs/pdus/JBD-SP04S034-L4S-200A-B-U_MOS.txt. A SET bit DISABLES a MOSFET.
    [Theory]
    [InlineData("jbd-write-e1-0", true, true)]
    [InlineData("jbd-write-e1-1", false, true)]
    [InlineData("jbd-write-e1-2", true, false)]
    [InlineData("jbd-write-e1-3", false, false)]
    public void Mosfet_write_vectors_are_built_byte_for_byte(string id, bool chargeOn, bool dischargeOn)
    {
        var vector = FrameVectors.Get(id);

        var built = JbdCommands.SetMosfets(chargeOn, dischargeOn);

        built.Should().Equal(vector.Bytes);
        JbdCommands.MosfetControlValue(chargeOn, dischargeOn).Should().Be((byte)vector.Integer("value"));
        Convert.ToHexString(built.AsSpan(6, 2)).Should().Be(vector.Text("checksum")[2..]);
        var request = JbdDecoder.DecodeRequest(built).Value;
        request.IsWrite.Should().BeTrue();
        request.Register.Should().Be(JbdRegister.MosfetControl);
        request.Data.Should().Equal((byte)0x00, (byte)vector.Integer("value"));
    }

    [Fact]
    public void Factory_mode_frames_carry_the_magic_words()
    {
        JbdCommands.EnterFactoryMode().Should().Equal(0xDD, 0x5A, 0x00, 0x02, 0x56, 0x78, 0xFF, 0x30, 0x77);
        JbdCommands.ExitFactoryMode().Should().Equal(0xDD, 0x5A, 0x01, 0x02, 0x00, 0x00, 0xFF, 0xFD, 0x77);
    }

    [Fact]
    public void A_response_is_not_a_request()
    {
        JbdDecoder.DecodeRequest(FrameVectors.Get("jbd-05-protocol-doc").Bytes).IsSuccess.Should().BeFalse();
        JbdDecoder.DecodeResponse(JbdCommands.ReadBasicInfo()).IsSuccess.Should().BeFalse();
    }
}
