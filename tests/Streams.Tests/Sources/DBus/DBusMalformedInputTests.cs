using FluentAssertions;
using Streams.Sources.DBus;
using Xunit;

namespace Streams.Tests.Sources.DBus;

/// <summary>Each way the wire format can be broken is reported as a <see cref="DBusProtocolException"/> saying what broke.</summary>
public class DBusMalformedInputTests
{
    [Fact]
    public void Unknown_endianness_byte()
    {
        var bytes = ValidSignal();
        bytes[0] = (byte)'x';

        Decoding(bytes).Should().Throw<DBusProtocolException>().WithMessage("*neither 'l' nor 'B'*");
    }

    [Fact]
    public void Unknown_protocol_version()
    {
        var bytes = ValidSignal();
        bytes[3] = 2;

        Decoding(bytes).Should().Throw<DBusProtocolException>().WithMessage("*version 2*");
    }

    [Fact]
    public void Message_type_zero()
    {
        var bytes = ValidSignal();
        bytes[1] = 0;

        Decoding(bytes).Should().Throw<DBusProtocolException>().WithMessage("*type 0*");
    }

    [Fact]
    public void Serial_zero()
    {
        var bytes = ValidSignal();
        bytes[8] = 0;

        Decoding(bytes).Should().Throw<DBusProtocolException>().WithMessage("*serial 0*");
    }

    [Fact]
    public void Truncated_message()
    {
        var bytes = ValidSignal();

        Decoding(bytes[..^1]).Should().Throw<DBusProtocolException>().WithMessage("*announces*");
        Decoding(bytes[..10]).Should().Throw<DBusProtocolException>().WithMessage("*at least 16*");
    }

    [Fact]
    public void Oversized_lengths_are_refused_before_anything_is_allocated()
    {
        var bytes = ValidSignal();
        bytes[12] = 0xFF;
        bytes[13] = 0xFF;
        bytes[14] = 0xFF;
        bytes[15] = 0x7F;

        FluentActions.Invoking(() => DBusMessageCodec.TryGetMessageLength(bytes, out _))
            .Should().Throw<DBusProtocolException>().WithMessage("*header field array*");
    }

    [Fact]
    public void Non_zero_padding()
    {
        // The PATH field's "/a\0" occupies offsets 24..26; 27..31 pad the next field to 32.
        var bytes = ValidSignal();
        bytes[29] = 0x01;

        Decoding(bytes).Should().Throw<DBusProtocolException>().WithMessage("*padding*");
    }

    [Fact]
    public void Boolean_other_than_0_or_1()
    {
        Decoding(MessageWithBody("b", "02000000")).Should().Throw<DBusProtocolException>().WithMessage("*BOOLEAN holds 2*");
    }

    [Fact]
    public void String_without_NUL_terminator()
    {
        Decoding(MessageWithBody("s", "01000000" + "4158" + "0000")).Should().Throw<DBusProtocolException>().WithMessage("*not NUL-terminated*");
    }

    [Fact]
    public void String_with_embedded_NUL()
    {
        Decoding(MessageWithBody("s", "03000000" + "410042" + "00")).Should().Throw<DBusProtocolException>().WithMessage("*contains a NUL*");
    }

    [Fact]
    public void String_that_is_not_UTF8()
    {
        Decoding(MessageWithBody("s", "02000000" + "C328" + "00" + "000000")).Should().Throw<DBusProtocolException>().WithMessage("*not valid UTF-8*");
    }

    [Fact]
    public void Invalid_object_path()
    {
        Decoding(MessageWithBody("o", "02000000" + "2F2F" + "00" + "000000")).Should().Throw<DBusProtocolException>().WithMessage("*not a valid object path*");
    }

    [Fact]
    public void Array_length_that_splits_an_element()
    {
        Decoding(MessageWithBody("ai", "06000000" + "01000000" + "02000000")).Should().Throw<DBusProtocolException>();
    }

    [Fact]
    public void Array_running_past_the_end()
    {
        Decoding(MessageWithBody("ai", "40000000" + "01000000")).Should().Throw<DBusProtocolException>().WithMessage("*past the end*");
    }

    [Fact]
    public void Variant_whose_signature_holds_two_types()
    {
        Decoding(MessageWithBody("v", "02" + "7979" + "00" + "0102" + "0000")).Should().Throw<DBusProtocolException>().WithMessage("*not a single complete type*");
    }

    [Fact]
    public void Variant_whose_signature_is_invalid()
    {
        Decoding(MessageWithBody("v", "01" + "61" + "00" + "0000000000")).Should().Throw<DBusProtocolException>().WithMessage("*invalid signature*");
    }

    [Fact]
    public void Variants_nested_deeper_than_64()
    {
        // Each level is the 3 bytes 01 'v' 00; the innermost holds a byte.
        var nested = string.Concat(Enumerable.Repeat("017600", 65)) + "017900" + "2A";

        Decoding(MessageWithBody("v", nested)).Should().Throw<DBusProtocolException>().WithMessage("*nested*");
    }

    [Fact]
    public void Body_bytes_left_over_after_the_signature()
    {
        Decoding(MessageWithBody("y", "2A" + "2B")).Should().Throw<DBusProtocolException>().WithMessage("*left over*");
    }

    [Fact]
    public void Body_without_signature_field()
    {
        var writer = Header(type: 4, bodyLength: 1);
        var fields = writer.BeginArray(8);
        Field(writer, 1, new DBusObjectPath("/a"));
        Field(writer, 2, new DBusString("org.example.A"));
        Field(writer, 3, new DBusString("Tick"));
        writer.EndArray(fields);
        writer.Align(8);
        writer.WriteByte(0x2A);

        Decoding(writer.ToArray()).Should().Throw<DBusProtocolException>().WithMessage("*without a SIGNATURE*");
    }

    [Fact]
    public void Header_field_of_the_wrong_type()
    {
        var writer = Header(type: 4, bodyLength: 0);
        var fields = writer.BeginArray(8);
        Field(writer, 1, new DBusString("/a"));
        writer.EndArray(fields);
        writer.Align(8);

        Decoding(writer.ToArray()).Should().Throw<DBusProtocolException>().WithMessage("*Path holds a 's' value*");
    }

    [Fact]
    public void Header_field_twice()
    {
        var writer = Header(type: 4, bodyLength: 0);
        var fields = writer.BeginArray(8);
        Field(writer, 1, new DBusObjectPath("/a"));
        Field(writer, 1, new DBusObjectPath("/b"));
        writer.EndArray(fields);
        writer.Align(8);

        Decoding(writer.ToArray()).Should().Throw<DBusProtocolException>().WithMessage("*appears twice*");
    }

    [Fact]
    public void Signal_without_interface()
    {
        var writer = Header(type: 4, bodyLength: 0);
        var fields = writer.BeginArray(8);
        Field(writer, 1, new DBusObjectPath("/a"));
        Field(writer, 3, new DBusString("Tick"));
        writer.EndArray(fields);
        writer.Align(8);

        Decoding(writer.ToArray()).Should().Throw<DBusProtocolException>().WithMessage("*signal without PATH, INTERFACE or MEMBER*");
    }

    [Fact]
    public void Invalid_member_name_in_the_header()
    {
        var writer = Header(type: 4, bodyLength: 0);
        var fields = writer.BeginArray(8);
        Field(writer, 1, new DBusObjectPath("/a"));
        Field(writer, 2, new DBusString("org.example.A"));
        Field(writer, 3, new DBusString("9Lives"));
        writer.EndArray(fields);
        writer.Align(8);

        Decoding(writer.ToArray()).Should().Throw<DBusProtocolException>().WithMessage("*not a valid member name*");
    }

    private static Func<DBusMessage> Decoding(byte[] bytes) => () => DBusMessageCodec.Decode(bytes);

    private static byte[] ValidSignal() => DBusMessageCodec.Encode(DBusMessage.Signal("/a", "org.example.A", "Tick") with { Serial = 1 });

    /// <summary>A signal whose body is <paramref name="bodyHex"/> under <paramref name="signature"/>, lengths consistent.</summary>
    private static byte[] MessageWithBody(string signature, string bodyHex)
    {
        var body = Convert.FromHexString(bodyHex);
        var writer = Header(type: 4, bodyLength: (uint)body.Length);
        var fields = writer.BeginArray(8);
        Field(writer, 1, new DBusObjectPath("/a"));
        Field(writer, 2, new DBusString("org.example.A"));
        Field(writer, 3, new DBusString("Tick"));
        writer.Align(8);
        writer.WriteByte(8);
        writer.WriteByte(1);
        writer.WriteByte((byte)'g');
        writer.WriteByte(0);
        writer.WriteSignature(signature);
        writer.EndArray(fields);
        writer.Align(8);
        return [.. writer.ToArray(), .. body];
    }

    private static DBusWriter Header(byte type, uint bodyLength)
    {
        var writer = new DBusWriter();
        writer.WriteByte((byte)'l');
        writer.WriteByte(type);
        writer.WriteByte(0);
        writer.WriteByte(1);
        writer.WriteUInt32(bodyLength);
        writer.WriteUInt32(1);
        return writer;
    }

    private static void Field(DBusWriter writer, byte code, DBusValue value)
    {
        writer.Align(8);
        writer.WriteByte(code);
        writer.WriteValue(new DBusVariant(value));
    }
}
