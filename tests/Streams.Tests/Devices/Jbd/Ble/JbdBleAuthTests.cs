using FluentAssertions;
using Streams.Core;
using Streams.Devices.Jbd.Ble;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Jbd.Ble;

public class JbdBleAuthTests
{
    // Source for all jbd-auth-* vectors: syssi/esphome-jbd-bms docs/ffaa-auth-flow/communications2.txt,
    // send-first-level-password-*.txt; components/jbd_bms_ble/jbd_bms_ble.cpp
    [Fact]
    public void Vector_jbd_auth_appkey_is_built_and_decoded()
    {
        var vector = FrameVectors.Get("jbd-auth-appkey");

        JbdBleAuth.AppKey(vector.Text("payload_ascii")).Should().Equal(vector.Bytes);
        var frame = JbdBleAuth.Decode(vector.Bytes).Value;
        frame.Command.Should().Be(Convert.ToByte(vector.Text("cmd")[2..4], 16));
        System.Text.Encoding.ASCII.GetString(frame.Data.ToArray()).Should().Be(vector.Text("payload_ascii"));
    }

    [Fact]
    public void Vector_jbd_auth_getrandom_is_built_and_decoded()
    {
        var vector = FrameVectors.Get("jbd-auth-getrandom");

        JbdBleAuth.RequestRandom().Should().Equal(vector.Bytes);
        JbdBleAuth.Decode(vector.Bytes).Value.Command.Should().Be(Convert.ToByte(vector.Text("cmd")[2..4], 16));
    }

    [Fact]
    public void Vector_jbd_auth_random_0x61_yields_the_random_byte()
    {
        var vector = FrameVectors.Get("jbd-auth-random-0x61");

        JbdBleAuth.DecodeRandom(vector.Bytes).Value.Should().Be((byte)vector.HexNumber("random_byte"));
        JbdBleAuth.Decode(vector.Bytes).Value.Command.Should().Be((byte)vector.HexNumber("cmd"));
    }

    [Fact]
    public void Vector_jbd_auth_password_123412_is_built_from_mac_password_and_random()
    {
        var vector = FrameVectors.Get("jbd-auth-password-123412");
        var mac = Convert.FromHexString(vector.Text("bms_mac").Replace(":", string.Empty, StringComparison.Ordinal));

        var built = JbdBleAuth.Password(mac, vector.Text("password"), (byte)vector.HexNumber("random_byte"));

        built.Should().Equal(vector.Bytes);
        JbdBleAuth.Decode(built).Value.Command.Should().Be(Convert.ToByte(vector.Text("cmd")[2..4], 16));
    }

    [Fact]
    public void A_wrong_checksum_is_rejected()
    {
        var frame = FrameVectors.Get("jbd-auth-random-0x61").Bytes;
        frame[^1]++;

        JbdBleAuth.Decode(frame).Error!.Kind.Should().Be(DecodeErrorKind.BadChecksum);
    }

    [Fact]
    public void A_random_reply_of_the_wrong_shape_is_unexpected()
    {
        JbdBleAuth.DecodeRandom(JbdBleAuth.Build(0x17, [0x01, 0x02])).Error!.Kind.Should().Be(DecodeErrorKind.UnexpectedReply);
        JbdBleAuth.DecodeRandom(JbdBleAuth.Build(0x18, [0x61])).Error!.Kind.Should().Be(DecodeErrorKind.UnexpectedReply);
    }

    [Fact]
    public void Password_needs_six_bytes_of_mac_and_six_characters()
    {
        var shortMac = () => JbdBleAuth.Password(new byte[5], "123412", 0);
        var shortPassword = () => JbdBleAuth.Password(new byte[6], "1234", 0);

        shortMac.Should().Throw<ArgumentException>();
        shortPassword.Should().Throw<ArgumentException>();
    }
}
