using Streams.Devices.Jbd;
using Streams.Devices.Jbd.Ble;
using Streams.Tests.Support;

namespace Streams.Tests.Transports.Bluetooth;

/// <summary>
/// A JBD BMS behind a BLE dongle, answering with real frames of tests/vectors/frames.json:
/// 0x03 with jbd-03-sp04s034-a (its MOSFET byte following the last 0xE1 command), 0x04 with
/// jbd-04-sp04s034-a, 0x05 with jbd-05-protocol-doc, 0xAA with <see cref="JbdErrorCountFrames.Ultimatron"/>, 0xE1 with the ACK jbd-ack-e1, and the FF AA
/// handshake (random byte 0x61, password checked as jbd-auth-password-123412 encodes it).
/// </summary>
internal sealed class ScriptedJbdBms
{
    private const int MosfetOffset = 4 + 20;

    /// <summary>Bit 0 charge on, bit 1 discharge on, as the 0x03 reply reports it.</summary>
    public byte Mosfets { get; private set; } = 0x03;

    /// <summary>The expected password; null: the dongle wants no handshake.</summary>
    public string? Password { get; init; }

    public byte[] Mac { get; init; } = Convert.FromHexString("A4C137042DBE");

    public byte Random { get; init; } = 0x61;

    /// <summary>When set, MOSFET commands are answered with the error status 0x80 and change nothing.</summary>
    public bool RefuseMosfets { get; set; }

    /// <summary>When set, MOSFET commands go unanswered and change nothing (firmware that wants factory mode first).</summary>
    public bool IgnoreMosfets { get; set; }

    public byte[]? Answer(byte[] request)
    {
        if (request is [JbdBleAuth.Header0, JbdBleAuth.Header1, var command, ..])
        {
            return command switch
            {
                JbdBleAuth.AppKeyCommand => JbdBleAuth.Build(command, [0x00]),
                JbdBleAuth.GetRandomCommand => JbdBleAuth.Build(command, [Random]),
                JbdBleAuth.PasswordCommand => JbdBleAuth.Build(
                    command, [Password is not null && request.AsSpan().SequenceEqual(JbdBleAuth.Password(Mac, Password, Random)) ? (byte)0x00 : (byte)0x01]),
                _ => null,
            };
        }

        return request switch
        {
            [0xDD, 0xA5, 0x03, ..] => BasicInfo(),
            [0xDD, 0xA5, 0x04, ..] => FrameVectors.Get("jbd-04-sp04s034-a").Bytes,
            [0xDD, 0xA5, 0x05, ..] => FrameVectors.Get("jbd-05-protocol-doc").Bytes,
            [0xDD, 0xA5, 0xAA, ..] => JbdErrorCountFrames.Ultimatron,
            [0xDD, 0x5A, 0xE1, 0x02, 0x00, var value, ..] => SetMosfets(value),
            _ => null,
        };
    }

    private byte[]? SetMosfets(byte value)
    {
        if (IgnoreMosfets)
        {
            return null;
        }

        if (RefuseMosfets)
        {
            // DD E1 80 00 FF 80 77: register 0xE1, status 0x80 (error), no data; checksum 0x10000 - 0x80.
            return [0xDD, 0xE1, 0x80, 0x00, 0xFF, 0x80, 0x77];
        }

        Mosfets = (byte)(~value & 0x03);
        return FrameVectors.Get("jbd-ack-e1").Bytes;
    }

    private byte[] BasicInfo()
    {
        var frame = FrameVectors.Get("jbd-03-sp04s034-a").Bytes;
        frame[MosfetOffset] = Mosfets;
        var checksum = JbdChecksum.Compute(frame.AsSpan(2, frame.Length - 5));
        frame[^3] = (byte)(checksum >> 8);
        frame[^2] = (byte)checksum;
        return frame;
    }
}
