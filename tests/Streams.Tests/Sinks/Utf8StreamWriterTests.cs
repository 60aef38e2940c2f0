using System.Text;
using FluentAssertions;
using Streams.Sinks;
using Xunit;

namespace Streams.Tests.Sinks;

/// <summary>The stdout writer: text and ready UTF-8 in the order written, nothing on the stream before a flush or a full buffer.</summary>
public sealed class Utf8StreamWriterTests
{
    [Fact]
    public void Text_and_utf8_bytes_come_out_in_the_order_written()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8StreamWriter(stream))
        {
            writer.Write("streams/pack1/state");
            writer.Write(' ');
            writer.WriteUtf8("""{"t":"25 °C"}"""u8);
            writer.WriteLine();
            writer.WriteLine("ünïcödé ✓");
        }

        Encoding.UTF8.GetString(stream.ToArray()).Should().Be("streams/pack1/state {\"t\":\"25 °C\"}\nünïcödé ✓\n");
    }

    [Fact]
    public void Nothing_reaches_the_stream_before_a_flush_unless_the_buffer_is_full()
    {
        using var stream = new MemoryStream();
        using var writer = new Utf8StreamWriter(stream, bufferSize: 64);
        writer.Write("short line");
        stream.Length.Should().Be(0);

        writer.Flush();
        stream.Length.Should().Be(10);

        writer.Write(new string('x', 100));
        stream.Length.Should().BeGreaterThan(10, "a full buffer is written out");
        writer.Flush();
        stream.Length.Should().Be(110);
    }

    [Fact]
    public void A_surrogate_pair_written_one_half_at_a_time_and_long_text_and_bytes_beyond_the_buffer_stay_whole()
    {
        using var stream = new MemoryStream();
        var emoji = "🔋";
        var longText = string.Concat(Enumerable.Repeat("Zelle ä 3.301 V; ", 50));
        var longBytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("€", 40)));
        using (var writer = new Utf8StreamWriter(stream, bufferSize: 16))
        {
            writer.Write(emoji[0]);
            writer.Write(emoji[1]);
            writer.Write(longText);
            writer.WriteUtf8(longBytes);
        }

        Encoding.UTF8.GetString(stream.ToArray()).Should().Be(emoji + longText + Encoding.UTF8.GetString(longBytes));
    }
}
