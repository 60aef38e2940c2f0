using System.Text;
using FluentAssertions;
using Streams.Sources.DBus;
using Xunit;

namespace Streams.Tests.Sources.DBus;

public class DBusMessageCodecTests
{
    private const string BluezCharacteristic = "/org/bluez/hci0/dev_A4_C1_38_00_00_01/service000b/char000c";

    /// <summary>
    /// Byte vectors produced by an independent implementation, GLib 2.74's GDBusMessage
    /// (<c>Gio.DBusMessage.to_blob</c> called from Debian's python3-gi). GLib orders header fields
    /// differently from us, so these pin decoding; our own encoding is pinned by <see cref="Hello_call_encodes_to_the_bytes_the_bus_expects"/>.
    /// </summary>
    private const string GlibHello =
        "6c01000100000000010000006e00000001016f00150000002f6f72672f667265656465736b746f702f444275730000000201730014000000" +
        "6f72672e667265656465736b746f702e444275730000000006017300140000006f72672e667265656465736b746f702e4442757300000000" +
        "030173000500000048656c6c6f000000";

    /// <summary>GLib: WriteValue([DD A5 03 00 FF FD 77], {"type": &lt;"request"&gt;}) to org.bluez, serial 7, little-endian.</summary>
    private const string GlibWriteValueLittleEndian =
        "6c0100012800000007000000ab00000001016f003a0000002f6f72672f626c75657a2f686369302f6465765f41345f43315f33385f30305f" +
        "30305f30312f73657276696365303030622f6368617230303063000000000000020173001d0000006f72672e626c75657a2e476174744368" +
        "6172616374657269737469633100000006017300090000006f72672e626c75657a0000000000000008016700076179617b73767d00000000" +
        "030173000a000000577269746556616c756500000000000007000000dda50300fffd770018000000040000007479706500017300070000007265717565737400";

    /// <summary>The same message as GLib writes it big-endian ('B').</summary>
    private const string GlibWriteValueBigEndian =
        "420100010000002800000007000000ab01016f000000003a2f6f72672f626c75657a2f686369302f6465765f41345f43315f33385f30305f" +
        "30305f30312f73657276696365303030622f6368617230303063000000000000020173000000001d6f72672e626c75657a2e476174744368" +
        "6172616374657269737469633100000006017300000000096f72672e626c75657a0000000000000008016700076179617b73767d00000000" +
        "030173000000000a577269746556616c756500000000000000000007dda50300fffd770000000018000000047479706500017300000000077265717565737400";

    private static readonly DBusMessage WriteValue = DBusMessage.MethodCall(
        "org.bluez",
        BluezCharacteristic,
        "org.bluez.GattCharacteristic1",
        "WriteValue",
        new DBusByteArray([0xDD, 0xA5, 0x03, 0x00, 0xFF, 0xFD, 0x77]),
        DBusValue.StringVariantMap([new("type", "request")])) with { Serial = 7 };

    [Fact]
    public void Hello_call_encodes_to_the_bytes_the_bus_expects()
    {
        var expected = string.Concat(
            "6c010001", "00000000", "01000000", "6d000000",                      // 'l', call, no flags, v1, body 0, serial 1, fields 109 bytes
            "01016f00", "15000000", Hex("/org/freedesktop/DBus"), "00", "0000",   // PATH (o), NUL, pad to 48
            "02017300", "14000000", Hex("org.freedesktop.DBus"), "00", "000000",  // INTERFACE (s), NUL, pad to 80
            "03017300", "05000000", Hex("Hello"), "00", "0000",                   // MEMBER (s), NUL, pad to 96
            "06017300", "14000000", Hex("org.freedesktop.DBus"), "00", "000000"); // DESTINATION (s), NUL, pad the header to 128

        var bytes = DBusMessageCodec.Encode(DBusMessage.MethodCall("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "Hello") with { Serial = 1 });

        Convert.ToHexString(bytes).Should().BeEquivalentTo(expected);
    }

    [Fact]
    public void GLib_Hello_decodes_to_the_same_call()
    {
        var message = DBusMessageCodec.Decode(Convert.FromHexString(GlibHello));

        message.Should().Be(DBusMessage.MethodCall("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "Hello") with { Serial = 1 });
    }

    [Theory]
    [InlineData(GlibWriteValueLittleEndian)]
    [InlineData(GlibWriteValueBigEndian)]
    public void GLib_WriteValue_decodes_in_either_byte_order(string hex)
    {
        var message = DBusMessageCodec.Decode(Convert.FromHexString(hex));

        message.Should().Be(WriteValue);
        message.Signature.Should().Be("aya{sv}");
        ((DBusDictionary)message.Body[1]).ToTextKeyed()["type"].Should().Be(new DBusString("request"));
    }

    [Fact]
    public void WriteValue_body_matches_GLib_byte_for_byte()
    {
        // Header field order differs between implementations; the body (the 40 bytes after the
        // header) must not: ay length, bytes, pad to 8, a{sv} length, {s, v(s)}.
        var glib = Convert.FromHexString(GlibWriteValueLittleEndian);
        var ours = DBusMessageCodec.Encode(WriteValue);

        ours[^40..].Should().Equal(glib[^40..]);
        ours.Length.Should().Be(glib.Length);
    }

    [Fact]
    public void An_empty_array_still_pads_to_its_element_alignment()
    {
        var writer = new DBusWriter();
        writer.WriteValue(new DBusByte(0x2A));
        writer.WriteValue(new DBusInt32(-2));
        writer.WriteValue(new DBusArray(DBusType.UInt64));

        Convert.ToHexString(writer.ToArray()).Should().Be(
            "2A000000" + "FEFFFFFF" + "00000000" + "00000000"); // y, pad to 4, i, length 0, pad to 8 for the absent t elements
    }

    [Fact]
    public void Dict_entries_and_structs_start_on_8_byte_boundaries()
    {
        var writer = new DBusWriter();
        writer.WriteValue(new DBusByte(1));
        writer.WriteValue(new DBusStruct(new DBusByte(2), new DBusUInt16(0x0304)));
        writer.WriteValue(new DBusDictionary(DBusType.Byte, DBusType.Boolean, [new(new DBusByte(5), new DBusBoolean(true))]));

        Convert.ToHexString(writer.ToArray()).Should().Be(
            "01" + "00000000000000" +  // y, pad to 8
            "02" + "00" + "0403" +      // struct: y, pad to 2, q
            "08000000" +                // array length 8 (pad before it: none, offset 12)
            "05" + "000000" + "01000000"); // entry at 16: y, pad to 4, b
    }

    [Fact]
    public void Variant_carries_its_signature_then_the_aligned_value()
    {
        var writer = new DBusWriter();
        writer.WriteValue(new DBusVariant(new DBusUInt64(1)));

        Convert.ToHexString(writer.ToArray()).Should().Be("01" + "7400" + "0000000000" + "0100000000000000");
    }

    [Fact]
    public void Message_without_body_has_no_signature_field_and_decodes_with_an_empty_body()
    {
        var bytes = DBusMessageCodec.Encode(DBusMessage.Signal("/a", "org.example.A", "Tick") with { Serial = 3 });
        var message = DBusMessageCodec.Decode(bytes);

        message.Body.Should().BeEmpty();
        message.Signature.Should().BeEmpty();
        bytes.Length.Should().Be(bytes.Length / 8 * 8);
    }

    [Fact]
    public void Unknown_header_fields_are_skipped()
    {
        var writer = new DBusWriter();
        writer.WriteByte((byte)'l');
        writer.WriteByte(4);
        writer.WriteByte(0);
        writer.WriteByte(1);
        writer.WriteUInt32(0);
        writer.WriteUInt32(9);
        var fields = writer.BeginArray(8);
        WriteField(writer, 42, new DBusString("from the future"));
        WriteField(writer, 1, new DBusObjectPath("/a"));
        WriteField(writer, 2, new DBusString("org.example.A"));
        WriteField(writer, 3, new DBusString("Tick"));
        writer.EndArray(fields);
        writer.Align(8);

        var message = DBusMessageCodec.Decode(writer.ToArray());

        message.Should().Be(DBusMessage.Signal("/a", "org.example.A", "Tick") with { Serial = 9 });
    }

    [Fact]
    public void Message_types_above_4_are_decoded_so_that_the_connection_can_ignore_them()
    {
        var bytes = DBusMessageCodec.Encode(DBusMessage.Signal("/a", "org.example.A", "Tick") with { Serial = 3 });
        bytes[1] = 9;

        DBusMessageCodec.Decode(bytes).Type.Should().Be((DBusMessageType)9);
    }

    [Fact]
    public void Encoding_refuses_messages_the_bus_would_disconnect_us_for()
    {
        var valid = DBusMessage.MethodCall("org.bluez", "/org/bluez", "org.bluez.Adapter1", "StartDiscovery") with { Serial = 1 };

        FluentActions.Invoking(() => DBusMessageCodec.Encode(valid with { Serial = 0 })).Should().Throw<ArgumentException>().WithMessage("*serial 0*");
        FluentActions.Invoking(() => DBusMessageCodec.Encode(valid with { Path = "/org/bluez/" })).Should().Throw<ArgumentException>().WithMessage("*object path*");
        FluentActions.Invoking(() => DBusMessageCodec.Encode(valid with { Interface = "bluez" })).Should().Throw<ArgumentException>().WithMessage("*interface name*");
        FluentActions.Invoking(() => DBusMessageCodec.Encode(valid with { Member = "Start.Discovery" })).Should().Throw<ArgumentException>().WithMessage("*member name*");
        FluentActions.Invoking(() => DBusMessageCodec.Encode(valid with { Destination = "org..bluez" })).Should().Throw<ArgumentException>().WithMessage("*bus name*");
        FluentActions.Invoking(() => DBusMessageCodec.Encode(valid with { Member = null })).Should().Throw<ArgumentException>().WithMessage("*without PATH or MEMBER*");
        FluentActions.Invoking(() => DBusMessageCodec.Encode(valid with { Body = [new DBusString("\ud800")] })).Should().Throw<ArgumentException>().WithMessage("*lone surrogates*");
    }

    private static void WriteField(DBusWriter writer, byte code, DBusValue value)
    {
        writer.Align(8);
        writer.WriteByte(code);
        writer.WriteValue(new DBusVariant(value));
    }

    private static string Hex(string ascii) => Convert.ToHexString(Encoding.ASCII.GetBytes(ascii));
}
