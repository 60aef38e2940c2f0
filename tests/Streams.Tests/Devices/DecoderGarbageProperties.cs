using FsCheck;
using FsCheck.Fluent;
using Streams.Core;
using Streams.Devices.Eg4Legacy;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Jbd;
using Streams.Devices.Jbd.Ble;
using Streams.Devices.Modbus;
using Streams.Tests.Support;
using Streams.Tools;
using Xunit;

namespace Streams.Tests.Devices;

/// <summary>
/// No decoder throws, whatever the bytes: pure noise, noise inside a valid envelope (so the
/// parser gets past CRC and checksum), and mutated real vectors. Each property also checks that
/// a failure always carries a one-line message.
/// </summary>
public class DecoderGarbageProperties
{
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(300);

    public static TheoryData<string> Decoders => new(AllDecoders.Keys);

    private static IReadOnlyDictionary<string, Func<byte[], string?>> AllDecoders { get; } =
        new Dictionary<string, Func<byte[], string?>>
        {
            ["modbus"] = f => Message(ModbusFrame.Parse(f)),
            ["eg4-ll status"] = f => Message(Eg4LlFrames.DecodeStatus(f)),
            ["eg4-ll identity"] = f => Message(Eg4LlFrames.DecodeIdentity(f)),
            ["eg4-7e status"] = f => Message(Eg4LegacyDecoder.DecodeStatus(f)),
            ["eg4-7e firmware"] = f => Message(Eg4LegacyDecoder.DecodeText(f, Eg4LegacyCommand.FirmwareVersion)),
            ["eg4-7e request"] = f => Message(Eg4LegacyRequest.Decode(f)),
            ["jbd response"] = f => Message(JbdDecoder.DecodeResponse(f)),
            ["jbd request"] = f => Message(JbdDecoder.DecodeRequest(f)),
            ["jbd basic info"] = f => Message(JbdDecoder.DecodeBasicInfo(f)),
            ["jbd cells"] = f => Message(JbdDecoder.DecodeCellVoltages(f)),
            ["jbd model"] = f => Message(JbdDecoder.DecodeHardwareVersion(f)),
            ["jbd ack"] = f => Message(JbdDecoder.DecodeWriteAck(f, JbdRegister.MosfetControl)),
            ["jbd auth"] = f => Message(JbdBleAuth.Decode(f)),
            ["jbd auth random"] = f => Message(JbdBleAuth.DecodeRandom(f)),
            ["json modbus"] = f => Message(FrameDecoding.DecodeToJson("modbus", Convert.ToHexString(f))),
            ["json eg4-ll"] = f => Message(FrameDecoding.DecodeToJson("eg4-ll", Convert.ToHexString(f))),
            ["json eg4-7e"] = f => Message(FrameDecoding.DecodeToJson("eg4-7e", Convert.ToHexString(f))),
            ["json jbd"] = f => Message(FrameDecoding.DecodeToJson("jbd", Convert.ToHexString(f))),
        };

    [Theory]
    [MemberData(nameof(Decoders))]
    public void Random_bytes_never_throw(string decoder)
    {
        var bytes = Gen.Choose(0, 300).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n));

        Check.One(Runs, Prop.ForAll(bytes.ToArbitrary(), frame => HasOneLineOrNoError(AllDecoders[decoder](frame))));
    }

    [Theory]
    [MemberData(nameof(Decoders))]
    public void Noise_inside_valid_envelopes_never_throws(string decoder)
    {
        Check.One(Runs, Prop.ForAll(Enveloped().ToArbitrary(), frame => HasOneLineOrNoError(AllDecoders[decoder](frame))));
    }

    [Theory]
    [MemberData(nameof(Decoders))]
    public void Mutated_real_vectors_never_throw(string decoder)
    {
        Check.One(Runs, Prop.ForAll(Mutated().ToArbitrary(), frame => HasOneLineOrNoError(AllDecoders[decoder](frame))));
    }

    [Fact]
    public void Random_text_as_hex_never_throws()
    {
        var text = Gen.ArrayOf(Gen.Elements("0123456789abcdefABCDEF xyz\t-:".ToCharArray())).Select(c => new string(c));

        Check.One(Runs, Prop.ForAll(text.ToArbitrary(), hex =>
            FrameDecoding.Protocols.All(p => HasOneLineOrNoError(Message(FrameDecoding.DecodeToJson(p, hex))))));
    }

    [Fact]
    public void Random_register_blocks_never_throw()
    {
        var blocks =
            from count in Gen.Choose(0, 130)
            from registers in Gen.ArrayOf(Gen.Frequency((3, Gen.Constant(0)), (7, Gen.Choose(0, 0xFFFF))).Select(v => (ushort)v), count)
            from start in Gen.Choose(-5, 140)
            select (registers, start);

        Check.One(Runs, Prop.ForAll(blocks.ToArbitrary(), b =>
            HasOneLineOrNoError(Message(Eg4LlDecoder.DecodeStatus(b.registers, b.start, 1)))
            && HasOneLineOrNoError(Message(Eg4LlDecoder.DecodeIdentity(b.registers, b.start)))));
    }

    private static Gen<byte[]> Noise(int max) =>
        Gen.Choose(0, max).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n));

    /// <summary>Random payloads with correct Modbus CRC, JBD checksum, 7E length, or FF AA checksum.</summary>
    private static Gen<byte[]> Enveloped() => Gen.OneOf(
        from address in Gen.Choose(0, 255)
        from function in Gen.Elements(0x03, 0x04, 0x83, 0x06)
        from data in Noise(251)
        select WithCrc([(byte)address, (byte)function, .. data]),
        from address in Gen.Choose(0, 255)
        from registers in Gen.Choose(1, 125).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 0xFFFF).Select(v => (ushort)v), n))
        select ModbusResponses.Registers((byte)address, registers),
        from register in Gen.Elements(0x03, 0x04, 0x05, 0xE1, 0xA5, 0x5A)
        from status in Gen.Elements(0x00, 0x00, 0x80)
        from data in Noise(255)
        select JbdResponse((byte)register, (byte)status, data),
        from command in Gen.Elements(0x01, 0x33, 0x42, 0x07)
        from data in Noise(249)
        select (byte[])[0x7E, 0x01, (byte)command, (byte)data.Length, .. data, 0x00, 0x0D],
        from groups in Gen.ArrayOf(Gen.Choose(0, 8).SelectMany(n => Noise(2 * n).Select(d => d.Length % 2 == 0 ? d : d[..^1])), 10)
        select Legacy(groups),
        from command in Gen.Elements(0x15, 0x17, 0x18)
        from data in Noise(20)
        select JbdBleAuth.Build((byte)command, data));

    private static Gen<byte[]> Mutated()
    {
        var vectors = FrameVectors.ById.Values.Select(v => v.Bytes).ToArray();
        return from original in Gen.Elements(vectors)
               from cut in Gen.Choose(0, original.Length)
               from flips in Gen.ArrayOf(Gen.Zip(Gen.Choose(0, Math.Max(0, original.Length - 1)), Gen.Choose(0, 255)), 3)
               select Mutate(original, cut, flips);
    }

    private static byte[] Mutate(byte[] original, int cut, (int Index, int Value)[] flips)
    {
        var frame = original[..cut];
        foreach (var (index, value) in flips)
        {
            if (index < frame.Length)
            {
                frame[index] = (byte)value;
            }
        }

        return frame;
    }

    private static byte[] WithCrc(byte[] body)
    {
        var frame = new byte[body.Length + 2];
        body.CopyTo(frame, 0);
        ModbusCrc16.Write(body, frame.AsSpan(body.Length));
        return frame;
    }

    private static byte[] JbdResponse(byte register, byte status, byte[] data) =>
        Jbd.JbdDecoderTests.Response(register, status, data);

    private static byte[] Legacy(byte[][] groups)
    {
        var payload = groups.SelectMany((g, i) => new[] { (byte)(i + 1), (byte)(g.Length / 2) }.Concat(g)).ToArray();
        return payload.Length > 249 ? payload[..249] : Eg4Legacy.Eg4LegacyDecoderTests.Envelope(1, 0x01, payload);
    }

    private static string? Message<T>(DecodeResult<T> result) => result.Error?.Message;

    private static bool HasOneLineOrNoError(string? message) =>
        message is null || (message.Length > 0 && !message.Contains('\n', StringComparison.Ordinal));
}
