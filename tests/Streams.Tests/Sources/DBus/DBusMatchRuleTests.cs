using FluentAssertions;
using Streams.Sources.DBus;
using Xunit;

namespace Streams.Tests.Sources.DBus;

public class DBusMatchRuleTests
{
    private static readonly DBusMatchRule BluezProperties = new()
    {
        Sender = "org.bluez",
        Interface = "org.freedesktop.DBus.Properties",
        Member = "PropertiesChanged",
        PathNamespace = "/org/bluez",
    };

    [Fact]
    public void Renders_the_text_the_bus_expects()
    {
        BluezProperties.ToString().Should().Be(
            "type='signal',sender='org.bluez',interface='org.freedesktop.DBus.Properties',member='PropertiesChanged',path_namespace='/org/bluez'");
    }

    [Fact]
    public void Apostrophes_in_values_are_escaped_outside_the_quotes()
    {
        new DBusMatchRule { Arg0 = "it's" }.ToString().Should().Be(@"type='signal',arg0='it'\''s'");
    }

    [Fact]
    public void Matches_signals_below_the_namespace_from_the_senders_owner()
    {
        var signal = PropertiesChanged("/org/bluez/hci0/dev_X") with { Sender = ":1.5" };

        BluezProperties.Matches(signal, senderOwner: ":1.5").Should().BeTrue();
        BluezProperties.Matches(signal with { Path = "/org/bluez" }, ":1.5").Should().BeTrue();
        BluezProperties.Matches(signal, senderOwner: ":1.9").Should().BeFalse("another connection does not own org.bluez");
        BluezProperties.Matches(signal, senderOwner: null).Should().BeFalse("nobody owns org.bluez");
        BluezProperties.Matches(signal with { Path = "/org/bluezz" }, ":1.5").Should().BeFalse("namespaces split at '/'");
        BluezProperties.Matches(signal with { Member = "InterfacesAdded" }, ":1.5").Should().BeFalse();
        BluezProperties.Matches(signal with { Type = DBusMessageType.MethodCall }, ":1.5").Should().BeFalse();
    }

    [Fact]
    public void Arg0_compares_the_first_string_argument()
    {
        var rule = new DBusMatchRule { Arg0 = "org.bluez.GattCharacteristic1" };

        rule.Matches(PropertiesChanged("/a"), null).Should().BeTrue();
        rule.Matches(PropertiesChanged("/a") with { Body = [new DBusString("org.bluez.Device1")] }, null).Should().BeFalse();
        rule.Matches(PropertiesChanged("/a") with { Body = [] }, null).Should().BeFalse();
    }

    [Fact]
    public void Root_namespace_matches_every_path()
    {
        new DBusMatchRule { PathNamespace = "/" }.Matches(PropertiesChanged("/org/bluez/hci0"), null).Should().BeTrue();
    }

    [Fact]
    public void Invalid_rules_are_reported()
    {
        new DBusMatchRule { Path = "/a", PathNamespace = "/a" }.FindProblem().Should().Contain("both");
        new DBusMatchRule { Interface = "bluez" }.FindProblem().Should().Contain("interface");
        BluezProperties.FindProblem().Should().BeNull();
    }

    private static DBusMessage PropertiesChanged(string path) =>
        DBusMessage.Signal(path, "org.freedesktop.DBus.Properties", "PropertiesChanged", new DBusString("org.bluez.GattCharacteristic1"))
            with { Serial = 1 };
}
