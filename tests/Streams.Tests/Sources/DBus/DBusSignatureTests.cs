using FluentAssertions;
using Streams.Sources.DBus;
using Xunit;

namespace Streams.Tests.Sources.DBus;

public class DBusSignatureTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("ybnqiuxtdsogh", 13)]
    [InlineData("a{oa{sa{sv}}}", 1)]
    [InlineData("sa{sv}as", 3)]
    [InlineData("aya{sv}", 2)]
    [InlineData("(i(ay)v)a(ss)", 2)]
    [InlineData("aaaav", 1)]
    public void Valid_signatures_parse_into_complete_types(string signature, int count)
    {
        var types = DBusSignature.Parse(signature);

        types.Should().HaveCount(count);
        DBusSignature.Of(types).Should().Be(signature);
    }

    [Theory]
    [InlineData("a", "ends before its element type")]
    [InlineData("()", "empty struct")]
    [InlineData("(i", "not closed")]
    [InlineData("i)", "unexpected ')'")]
    [InlineData("{sv}", "outside an array")]
    [InlineData("a{vs}", "not a basic type")]
    [InlineData("a{s}", "unexpected '}'")]
    [InlineData("a{svs}", "exactly two types")]
    [InlineData("z", "unexpected 'z'")]
    [InlineData("(a{sv})a{(s)v}", "not a basic type")]
    public void Invalid_signatures_are_refused_with_the_reason(string signature, string reason)
    {
        DBusSignature.TryParse(signature, out _, out var error).Should().BeFalse();
        error.Should().Contain(reason);
        FluentActions.Invoking(() => DBusSignature.Parse(signature)).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Thirty_two_nested_arrays_are_the_limit()
    {
        DBusSignature.TryParse(new string('a', 32) + "y", out _, out _).Should().BeTrue();
        DBusSignature.TryParse(new string('a', 33) + "y", out _, out var error).Should().BeFalse();
        error.Should().Contain("32 nested arrays");
    }

    [Fact]
    public void Thirty_two_nested_structs_are_the_limit()
    {
        DBusSignature.TryParse(new string('(', 32) + "y" + new string(')', 32), out _, out _).Should().BeTrue();
        DBusSignature.TryParse(new string('(', 33) + "y" + new string(')', 33), out _, out var error).Should().BeFalse();
        error.Should().Contain("32 nested structs");
    }

    [Fact]
    public void Signatures_longer_than_255_characters_are_refused()
    {
        DBusSignature.TryParse(new string('y', 255), out _, out _).Should().BeTrue();
        DBusSignature.TryParse(new string('y', 256), out _, out var error).Should().BeFalse();
        error.Should().Contain("255");
    }

    [Fact]
    public void Types_know_their_wire_alignment()
    {
        DBusSignature.Parse("ybnqiuxtdsoghvaya{sv}(y)")
            .Select(t => t.Alignment)
            .Should().Equal(1, 4, 2, 2, 4, 4, 8, 8, 8, 4, 4, 1, 4, 1, 4, 4, 8);
    }

    [Fact]
    public void A_dictionary_type_is_an_array_of_dict_entries()
    {
        var type = DBusType.DictionaryOf(DBusType.String, DBusType.Variant);

        type.Signature.Should().Be("a{sv}");
        type.IsDictionary.Should().BeTrue();
        type.Should().Be(DBusSignature.ParseSingle("a{sv}"));
        FluentActions.Invoking(() => DBusType.DictionaryOf(DBusType.Variant, DBusType.String)).Should().Throw<ArgumentException>();
    }
}
