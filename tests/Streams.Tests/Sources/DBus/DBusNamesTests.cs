using FluentAssertions;
using Streams.Sources.DBus;
using Xunit;

namespace Streams.Tests.Sources.DBus;

public class DBusNamesTests
{
    [Theory]
    [InlineData("/", true)]
    [InlineData("/org/bluez/hci0/dev_A4_C1_38_00_00_01", true)]
    [InlineData("", false)]
    [InlineData("org/bluez", false)]
    [InlineData("/org/bluez/", false)]
    [InlineData("/org//bluez", false)]
    [InlineData("/org/blue-z", false)]
    [InlineData("/org/blüz", false)]
    public void Object_paths(string path, bool valid) => DBusNames.IsValidObjectPath(path).Should().Be(valid);

    [Theory]
    [InlineData("org.bluez.GattCharacteristic1", true)]
    [InlineData("org.freedesktop.DBus.Properties", true)]
    [InlineData("_a._b", true)]
    [InlineData("bluez", false)]
    [InlineData("org..bluez", false)]
    [InlineData("org.9bluez", false)]
    [InlineData("org.blue-z", false)]
    [InlineData(".org.bluez", false)]
    public void Interface_names(string name, bool valid) => DBusNames.IsValidInterfaceName(name).Should().Be(valid);

    [Theory]
    [InlineData(":1.42", true)]
    [InlineData(":1.a-b", true)]
    [InlineData("org.bluez", true)]
    [InlineData("org.example.Fake-Bluez", true)]
    [InlineData("org.freedesktop.DBus", true)]
    [InlineData("bluez", false)]
    [InlineData("org.9bluez", false)]
    [InlineData(":1", false)]
    [InlineData("", false)]
    public void Bus_names(string name, bool valid) => DBusNames.IsValidBusName(name).Should().Be(valid);

    [Theory]
    [InlineData("WriteValue", true)]
    [InlineData("_x9", true)]
    [InlineData("9x", false)]
    [InlineData("Write.Value", false)]
    [InlineData("", false)]
    public void Member_names(string name, bool valid) => DBusNames.IsValidMemberName(name).Should().Be(valid);

    [Fact]
    public void Names_longer_than_255_characters_are_invalid()
    {
        var name = "org." + new string('a', 251);
        DBusNames.IsValidInterfaceName(name).Should().BeTrue();
        DBusNames.IsValidInterfaceName(name + "a").Should().BeFalse();
    }
}
