using FluentAssertions;
using Streams.Devices.Eg4Legacy;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Eg4Legacy;

public class Eg4LegacyRequestTests
{
    // Source: slim-bean/powermon README.md; mr-manuel/venus-os_dbus-serialbattery bms/eg4_lifepower.py
    [Fact]
    public void Vector_eg4lp_7e_req_general_a1_is_built_byte_for_byte()
    {
        var vector = FrameVectors.Get("eg4lp-7e-req-general-a1");

        var frame = Eg4LegacyRequest.Build((byte)vector.Integer("address"), Eg4LegacyCommand.GeneralStatus);

        frame.Should().Equal(vector.Bytes);
        frame[4].Should().Be((byte)vector.HexNumber("checksum_byte"));
    }

    // Source: slim-bean/powermon README.md
    [Fact]
    public void Vector_eg4lp_7e_req_general_a1_decodes_with_a_checksum_that_fits_the_rule()
    {
        var vector = FrameVectors.Get("eg4lp-7e-req-general-a1");

        var request = Eg4LegacyRequest.Decode(vector.Bytes).Value;

        request.Address.Should().Be((byte)vector.Integer("address"));
        request.Command.Should().Be((byte)Eg4LegacyCommand.GeneralStatus);
        request.Checksum.Should().Be((byte)vector.HexNumber("checksum_byte"));
        request.ChecksumMatchesRule.Should().BeTrue();
    }

    // Source: mr-manuel/venus-os_dbus-serialbattery dbus-serialbattery/bms/eg4_lifepower.py
    // get_command_general_part (request bytes per address, as seen on real buses).
    [Theory]
    [InlineData(0x00, 0x00)]
    [InlineData(0x01, 0xFE)]
    [InlineData(0x02, 0xFC)]
    [InlineData(0x03, 0xFE)]
    [InlineData(0x04, 0xF8)]
    [InlineData(0x05, 0xFE)]
    [InlineData(0x06, 0xFC)]
    [InlineData(0x07, 0xFE)]
    [InlineData(0x08, 0xF0)]
    [InlineData(0x09, 0xFE)]
    [InlineData(0x0A, 0xFC)]
    [InlineData(0x0B, 0xFE)]
    [InlineData(0x0C, 0xF8)]
    [InlineData(0x0D, 0xFE)]
    [InlineData(0x0E, 0xFC)]
    [InlineData(0x0F, 0xFE)]
    public void General_status_checksum_matches_the_bus_table(int address, int checksum)
    {
        Eg4LegacyRequest.Build((byte)address, Eg4LegacyCommand.GeneralStatus)
            .Should().Equal(0x7E, (byte)address, 0x01, 0x00, (byte)checksum, 0x0D);
    }

    // Source: Louisvdw/dbus-serialbattery etc/dbus-serialbattery/lifepower.py
    // (command_firmware_version / command_hardware_version at address 1).
    [Theory]
    [InlineData((byte)Eg4LegacyCommand.FirmwareVersion, 0xFE)]
    [InlineData((byte)Eg4LegacyCommand.HardwareVersion, 0xFC)]
    public void Version_request_checksums_match_the_captured_bytes(byte code, int checksum)
    {
        var command = (Eg4LegacyCommand)code;
        Eg4LegacyRequest.Build(1, command).Should().Equal(0x7E, 0x01, (byte)command, 0x00, (byte)checksum, 0x0D);
    }

    [Fact]
    public void The_seed_formula_disagrees_with_the_bus_at_address_2()
    {
        const int address = 2;
        var seed = (byte)((0x100 - (address + (int)Eg4LegacyCommand.GeneralStatus)) & 0xFF);

        seed.Should().Be(0xFD);
        Eg4LegacyRequest.ChecksumFor(address, (byte)Eg4LegacyCommand.GeneralStatus).Should().Be(0xFC);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(0x40)]
    public void Built_requests_decode_back(int address)
    {
        foreach (var command in Enum.GetValues<Eg4LegacyCommand>())
        {
            var request = Eg4LegacyRequest.Decode(Eg4LegacyRequest.Build((byte)address, command)).Value;

            request.Should().Be(new Eg4LegacyRequest((byte)address, (byte)command, Eg4LegacyRequest.ChecksumFor((byte)address, (byte)command)));
            request.ChecksumMatchesRule.Should().BeTrue();
        }
    }

    [Fact]
    public void A_request_with_data_is_not_a_request_frame()
    {
        Eg4LegacyRequest.Decode([0x7E, 0x01, 0x01, 0x01, 0xFE, 0x0D]).IsSuccess.Should().BeFalse();
    }
}
