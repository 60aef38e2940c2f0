using FluentAssertions;
using Streams.Sources.DBus;
using Xunit;

namespace Streams.Tests.Sources.DBus;

public class DBusMessageBufferTests
{
    [Fact]
    public void A_message_larger_than_the_buffer_grows_it_and_arrives_whole()
    {
        var large = DBusMessage.Signal("/a", "org.example.A", "Blob", new DBusByteArray(new byte[300_000])) with { Serial = 1 };
        var small = DBusMessage.Signal("/a", "org.example.A", "Tick") with { Serial = 2 };
        var stream = DBusMessageCodec.Encode(large).Concat(DBusMessageCodec.Encode(small)).ToArray();
        var buffer = new DBusMessageBuffer();
        var received = new List<DBusMessage>();

        for (var position = 0; position < stream.Length;)
        {
            var target = buffer.GetReceiveMemory().Span;
            var count = Math.Min(target.Length, stream.Length - position);
            stream.AsSpan(position, count).CopyTo(target);
            buffer.Advance(count);
            position += count;
            while (buffer.TryReadMessage(out var message))
            {
                received.Add(message);
            }
        }

        received.Should().Equal(large, small);
    }

    [Fact]
    public void Needs_sixteen_bytes_before_it_can_tell_a_message_length()
    {
        var bytes = DBusMessageCodec.Encode(DBusMessage.Signal("/a", "org.example.A", "Tick") with { Serial = 1 });
        var buffer = new DBusMessageBuffer();

        buffer.Append(bytes.AsSpan(0, 15));
        buffer.TryReadMessage(out _).Should().BeFalse();
        buffer.Append(bytes.AsSpan(15));
        buffer.TryReadMessage(out var message).Should().BeTrue();
        message.Member.Should().Be("Tick");
    }

    [Fact]
    public void Garbage_is_a_protocol_error_not_a_wait_for_more()
    {
        var buffer = new DBusMessageBuffer();
        buffer.Append("HTTP/1.1 200 OK\r\n\r\n"u8);

        FluentActions.Invoking(() => buffer.TryReadMessage(out _)).Should().Throw<DBusProtocolException>();
    }
}
