using FluentAssertions;
using Streams.Devices.Modbus;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Modbus;

public sealed class ModbusCrc16Tests
{
    [Fact]
    public void Known_vector_A0_B1_C2_is_0x2384()
    {
        // FluentModbus ModbusUtilsTests.CalculatesCrcCorrectly, re-checked in protocols.md §1.
        ModbusCrc16.Compute([0xA0, 0xB1, 0xC2]).Should().Be(0x2384);
    }

    [Fact]
    public void Known_vector_01_03_02_00_0A_is_sent_as_38_43()
    {
        // protocols.md §1: CRC 0x4338, low byte first on the wire.
        var crc = new byte[2];
        ModbusCrc16.Write([0x01, 0x03, 0x02, 0x00, 0x0A], crc);

        crc.Should().Equal(0x38, 0x43);
    }

    [Theory]
    [InlineData("eg4ll-req-status-a1")]
    [InlineData("eg4ll-wombatt-info")]
    [InlineData("eg4-bus-resp-6500ex")]
    public void Real_frames_carry_a_valid_crc(string vectorId)
    {
        ModbusCrc16.IsValidFrame(FramingVectors.Bytes(vectorId)).Should().BeTrue();
    }

    [Fact]
    public void The_negative_vector_with_its_last_byte_flipped_fails()
    {
        ModbusCrc16.IsValidFrame(FramingVectors.Bytes("modbus-neg-badcrc-resp")).Should().BeFalse();
    }

    [Fact]
    public void Eight_byte_slicing_agrees_with_the_bitwise_definition_for_any_input()
    {
        FsCheck.Check.One(
            FsCheck.Config.QuickThrowOnFailure.WithMaxTest(1000),
            FsCheck.Fluent.Prop.ForAll<byte[]>(data => ModbusCrc16.Compute(data) == BitwiseReference(data)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(255)]
    public void Every_tail_length_matches_the_bitwise_definition(int length)
    {
        var data = Enumerable.Range(0, length).Select(i => (byte)(i * 37 + 11)).ToArray();

        ModbusCrc16.Compute(data).Should().Be(BitwiseReference(data));
    }

    /// <summary>The CRC as the Modbus specification defines it, one bit at a time.</summary>
    private static ushort BitwiseReference(byte[] data)
    {
        ushort crc = 0xFFFF;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0xA001) : (ushort)(crc >> 1);
            }
        }

        return crc;
    }
}
