using FluentAssertions;
using Streams.Sources.DBus;
using Xunit;

namespace Streams.Tests.Sources.DBus;

public class DBusValueTests
{
    [Fact]
    public void Values_compare_structurally_through_every_container()
    {
        static DBusValue Build() => new DBusStruct(
            new DBusArray(DBusType.ObjectPath, new DBusObjectPath("/a")),
            new DBusVariant(new DBusByteArray([1, 2, 3])),
            DBusValue.StringVariantMap([new("Notifying", true)]),
            new DBusDouble(double.NaN));

        Build().Should().Be(Build());
        Build().GetHashCode().Should().Be(Build().GetHashCode());
        Build().Should().NotBe(new DBusStruct(new DBusArray(DBusType.ObjectPath)));
        new DBusByteArray([1]).Should().NotBe(new DBusByteArray([2]));
        new DBusInt32(1).Should().NotBe(new DBusUInt32(1));
    }

    [Fact]
    public void Containers_refuse_items_of_the_wrong_type()
    {
        FluentActions.Invoking(() => new DBusArray(DBusType.String, new DBusInt32(1))).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new DBusArray(DBusType.Byte)).Should().Throw<ArgumentException>().WithMessage("*DBusByteArray*");
        FluentActions.Invoking(() => new DBusDictionary(DBusType.String, DBusType.Variant, [new(new DBusString("k"), new DBusString("v"))]))
            .Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new DBusStruct()).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new DBusString("a\0b")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new DBusObjectPath("/a/")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new DBusSignatureValue("a")).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Types_follow_the_values()
    {
        DBusValue.StringVariantMap([]).Type.Signature.Should().Be("a{sv}");
        new DBusStruct(new DBusByte(1), new DBusVariant(new DBusString("x"))).Type.Signature.Should().Be("(yv)");
        new DBusByteArray([]).Type.Signature.Should().Be("ay");
        DBusArray.OfStrings(["a"]).Type.Signature.Should().Be("as");
    }

    [Fact]
    public void Text_keyed_view_unwraps_variants_and_keeps_the_last_duplicate()
    {
        var map = new DBusDictionary(DBusType.String, DBusType.Variant, [
            new(new DBusString("Value"), new DBusVariant(new DBusByteArray([1]))),
            new(new DBusString("Value"), new DBusVariant(new DBusVariant(new DBusByteArray([2])))),
        ]);

        map.ToTextKeyed()["Value"].Should().Be(new DBusByteArray([2]));
        map.TryGetValue("Value", out var first).Should().BeTrue();
        first.Should().Be(new DBusVariant(new DBusByteArray([1])));
        map.TryGetValue("Missing", out _).Should().BeFalse();
    }

    [Fact]
    public void Byte_arrays_copy_their_input()
    {
        var source = new byte[] { 1, 2 };
        var value = new DBusByteArray(source);
        source[0] = 9;

        value.ToArray().Should().Equal(1, 2);
    }

    [Fact]
    public void Text_form_reads_like_GVariant()
    {
        DBusValue value = new DBusStruct(
            new DBusString("it's"),
            new DBusVariant(new DBusByteArray([0xDD, 0x77])),
            DBusValue.StringVariantMap([new("type", "command")]),
            new DBusObjectPath("/org/bluez"));

        value.ToString().Should().Be(@"('it\'s', <[0xdd, 0x77]>, @a{sv} {'type': <'command'>}, objectpath '/org/bluez')");
    }

    [Fact]
    public void Unwrap_removes_any_number_of_variants()
    {
        new DBusVariant(new DBusVariant(new DBusUInt16(3))).Unwrap().Should().Be(new DBusUInt16(3));
        new DBusUInt16(3).Unwrap().Should().Be(new DBusUInt16(3));
    }
}
