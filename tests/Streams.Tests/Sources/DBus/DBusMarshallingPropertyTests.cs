using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using Streams.Sources.DBus;
using Xunit;

namespace Streams.Tests.Sources.DBus;

/// <summary>Round trips and "garbage never throws anything but DBusProtocolException", over random types and values.</summary>
public class DBusMarshallingPropertyTests
{
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void Any_value_read_back_at_any_start_offset_is_equal_and_consumes_exactly_what_was_written()
    {
        var cases = from type in DBusGenerators.Type(4)
                    from value in DBusGenerators.Value(type)
                    from offset in Gen.Choose(0, 15)
                    from bigEndian in Gen.Elements(false, true)
                    select (value, offset, bigEndian);
        Check.One(Runs, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var writer = new DBusWriter(bigEndian: c.bigEndian);
            for (var i = 0; i < c.offset; i++)
            {
                writer.WriteByte(0xEE);
            }

            writer.WriteValue(c.value);
            var bytes = writer.ToArray();
            var reader = new DBusReader(bytes, c.bigEndian, c.offset);
            var read = reader.ReadValue(c.value.Type);
            read.Should().Be(c.value);
            reader.Position.Should().Be(bytes.Length);
        }));
    }

    [Fact]
    public void Any_message_round_trips_in_both_byte_orders()
    {
        var cases = from message in DBusGenerators.Message
                    from bigEndian in Gen.Elements(false, true)
                    select (message, bigEndian);
        Check.One(Runs, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var bytes = DBusMessageCodec.Encode(c.message, c.bigEndian);
            DBusMessageCodec.TryGetMessageLength(bytes, out var length).Should().BeTrue();
            length.Should().Be(bytes.Length);
            (bytes.Length % 8 == 0 || c.message.Body.Length > 0).Should().BeTrue("an empty body leaves the 8-aligned header as the whole message");
            DBusMessageCodec.Decode(bytes).Should().Be(c.message);
        }));
    }

    [Fact]
    public void Little_and_big_endian_encodings_decode_to_the_same_message()
    {
        Check.One(Runs, Prop.ForAll(DBusGenerators.Message.ToArbitrary(), message =>
        {
            var little = DBusMessageCodec.Encode(message);
            var big = DBusMessageCodec.Encode(message, bigEndian: true);
            little.Length.Should().Be(big.Length, "byte order never changes padding");
            DBusMessageCodec.Decode(big).Should().Be(DBusMessageCodec.Decode(little));
        }));
    }

    [Fact]
    public void Any_split_of_a_stream_of_messages_yields_the_same_messages()
    {
        var cases = from messages in Gen.Choose(1, 5).SelectMany(n => Gen.ArrayOf(DBusGenerators.Message, n))
                    from cuts in Gen.ArrayOf(Gen.Choose(1, 97), 40)
                    select (messages, cuts);
        Check.One(Runs, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var stream = c.messages.SelectMany(m => DBusMessageCodec.Encode(m)).ToArray();
            var buffer = new DBusMessageBuffer();
            var received = new List<DBusMessage>();
            var position = 0;
            var cut = 0;
            while (position < stream.Length)
            {
                var size = Math.Min(c.cuts[cut++ % c.cuts.Length], stream.Length - position);
                buffer.Append(stream.AsSpan(position, size));
                position += size;
                while (buffer.TryReadMessage(out var message))
                {
                    received.Add(message);
                }
            }

            received.Should().Equal(c.messages);
            buffer.Buffered.Should().Be(0);
        }));
    }

    [Fact]
    public void Corrupted_messages_decode_or_throw_DBusProtocolException_and_nothing_else()
    {
        var cases = from message in DBusGenerators.Message
                    from bigEndian in Gen.Elements(false, true)
                    from flips in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, int.MaxValue).Zip(Gen.Choose(0, 255)), n))
                    from truncateBy in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 40)))
                    select (message, bigEndian, flips, truncateBy);
        Check.One(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var bytes = DBusMessageCodec.Encode(c.message, c.bigEndian);
            foreach (var (index, value) in c.flips)
            {
                bytes[index % bytes.Length] = (byte)value;
            }

            bytes = bytes[..Math.Max(0, bytes.Length - c.truncateBy)];
            OnlyProtocolExceptions(() => DBusMessageCodec.Decode(bytes));
            OnlyProtocolExceptions(() =>
            {
                var buffer = new DBusMessageBuffer();
                buffer.Append(bytes);
                while (buffer.TryReadMessage(out _))
                {
                }
            });
        }));
    }

    [Fact]
    public void Random_bytes_behind_a_plausible_header_never_throw_anything_but_DBusProtocolException()
    {
        var cases = from type in Gen.Choose(0, 6)
                    from fieldsLength in Gen.Choose(0, 80)
                    from bodyLength in Gen.Choose(0, 80)
                    from bigEndian in Gen.Elements(false, true)
                    from tail in Gen.Choose(0, 180).SelectMany(DBusGenerators.Bytes)
                    select (type, fieldsLength, bodyLength, bigEndian, tail);
        Check.One(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var header = new DBusWriter(bigEndian: c.bigEndian);
            header.WriteByte(c.bigEndian ? (byte)'B' : (byte)'l');
            header.WriteByte((byte)c.type);
            header.WriteByte(0);
            header.WriteByte(1);
            header.WriteUInt32((uint)c.bodyLength);
            header.WriteUInt32(1);
            header.WriteUInt32((uint)c.fieldsLength);
            var bytes = header.ToArray().Concat(c.tail).ToArray();
            OnlyProtocolExceptions(() => DBusMessageCodec.Decode(bytes));
        }));
    }

    private static void OnlyProtocolExceptions(Action action)
    {
        try
        {
            action();
        }
        catch (DBusProtocolException)
        {
        }
    }
}
