using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using Streams.Mqtt.Formatter;
using Streams.Mqtt.Packets;
using Streams.Mqtt.Transport;
using Xunit;

namespace Streams.Tests.Mqtt;

public sealed class MqttPacketPropertyTests
{
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(500);

    [Fact]
    public void Every_valid_packet_survives_encode_then_decode()
    {
        var property = Prop.ForAll(Arb.From(MqttPacketGenerators.Any), packet =>
            MqttPacketText.Render(MqttPacketDecoder.Decode(MqttPacketEncoder.EncodeToArray(packet))) == MqttPacketText.Render(packet));

        Check.One(Runs, property);
    }

    [Fact]
    public void Random_bytes_never_throw_anything_but_the_protocol_violation()
    {
        var property = Prop.ForAll(Arb.From(MqttPacketGenerators.Bytes), bytes => DecodesOrViolates(() => MqttPacketDecoder.Decode(bytes)));

        Check.One(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(2000), property);
    }

    [Fact]
    public void Any_header_byte_with_random_body_never_throws_anything_but_the_protocol_violation()
    {
        var cases = from first in Gen.Choose(0, 255)
                    from body in MqttPacketGenerators.Bytes
                    select (First: (byte)first, Body: body);

        Check.One(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(3000), Prop.ForAll(Arb.From(cases), c => DecodesOrViolates(() => MqttPacketDecoder.Decode(c.First, c.Body))));
    }

    [Fact]
    public void Corrupted_valid_packets_never_throw_anything_but_the_protocol_violation()
    {
        // Mutating real packets reaches the deep branches (strings, flags, ids) that pure noise rarely does.
        var cases = from packet in MqttPacketGenerators.Any
                    from position in Gen.Choose(0, 10_000)
                    from value in Gen.Choose(0, 255)
                    from cut in Gen.Elements(false, true)
                    select (Bytes: MqttPacketEncoder.EncodeToArray(packet), Position: position, Value: (byte)value, Cut: cut);

        var property = Prop.ForAll(Arb.From(cases), c =>
        {
            var bytes = c.Bytes;
            var at = c.Position % bytes.Length;
            if (c.Cut)
            {
                bytes = bytes[..at];
            }
            else
            {
                bytes[at] = c.Value;
            }

            var header = bytes.Length > 0 ? bytes[0] : (byte)0x30;
            var body = bytes.Length > 2 ? bytes[2..] : [];
            return DecodesOrViolates(() => MqttPacketDecoder.Decode(bytes)) && DecodesOrViolates(() => MqttPacketDecoder.Decode(header, body));
        });

        Check.One(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(3000), property);
    }

    [Fact]
    public void Any_split_of_a_packet_stream_yields_the_same_packets()
    {
        var cases = from packets in MqttPacketGenerators.Any.NonEmptyListOf()
                    from cuts in Gen.Choose(1, 64).ArrayOf()
                    select (Packets: packets.ToArray(), Cuts: cuts);

        var property = Prop.ForAll(Arb.From(cases), c =>
        {
            var stream = c.Packets.SelectMany(MqttPacketEncoder.EncodeToArray).ToArray();
            var read = ReadAll(Split(stream, c.Cuts)).GetAwaiter().GetResult();
            return read.SequenceEqual(c.Packets.Select(MqttPacketText.Render));
        });

        Check.One(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public async Task Reader_byte_by_byte_yields_packets_then_end_of_stream()
    {
        var packets = new MqttPacket[]
        {
            new MqttConnAckPacket(false, MqttConnectReturnCode.Accepted),
            new MqttPublishPacket { Topic = "a/b", Payload = new byte[300], Qos = MqttQualityOfService.AtLeastOnce, PacketId = 9 },
            MqttPingRespPacket.Instance,
        };
        var bytes = packets.SelectMany(MqttPacketEncoder.EncodeToArray).ToArray();

        var read = await ReadAll(bytes.Select(b => new[] { b }));

        read.Should().Equal(packets.Select(MqttPacketText.Render));
    }

    [Fact]
    public async Task Reader_reports_a_stream_that_ends_inside_a_packet()
    {
        var reader = new MqttPacketReader(new ChunkedReadStream([[0x30, 0x05, 0x00]]), 1024);

        var act = async () => await reader.ReadAsync(CancellationToken.None);

        await act.Should().ThrowAsync<EndOfStreamException>().WithMessage("*middle of a packet*");
    }

    [Fact]
    public async Task Reader_refuses_a_packet_above_the_size_limit_before_reading_its_body()
    {
        // Header announces 2,097,152 body bytes; only the header was sent.
        var reader = new MqttPacketReader(new ChunkedReadStream([[0x30, 0x80, 0x80, 0x80, 0x01]]), 1024 * 1024);

        var act = async () => await reader.ReadAsync(CancellationToken.None);

        await act.Should().ThrowAsync<MqttProtocolViolationException>().WithMessage("*limit is 1048576*");
    }

    private static bool DecodesOrViolates(Func<MqttPacket> decode)
    {
        try
        {
            decode();
            return true;
        }
        catch (MqttProtocolViolationException)
        {
            return true;
        }
    }

    private static IEnumerable<byte[]> Split(byte[] stream, int[] cuts)
    {
        var offset = 0;
        var i = 0;
        while (offset < stream.Length)
        {
            var size = cuts.Length == 0 ? stream.Length : Math.Min(cuts[i++ % cuts.Length], stream.Length - offset);
            yield return stream[offset..(offset + size)];
            offset += size;
        }
    }

    private static async Task<List<string>> ReadAll(IEnumerable<byte[]> chunks)
    {
        var reader = new MqttPacketReader(new ChunkedReadStream(chunks), 16 * 1024 * 1024);
        var packets = new List<string>();
        while (await reader.ReadAsync(CancellationToken.None) is { } packet)
        {
            packets.Add(MqttPacketText.Render(packet));
        }

        return packets;
    }
}
