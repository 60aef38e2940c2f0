using System.Net.Sockets;
using FluentAssertions;
using Streams.Sources.DBus;
using Xunit;

namespace Streams.Tests.Sources.DBus;

public class DBusAddressTests
{
    [Fact]
    public void Unix_path_address()
    {
        var entry = DBusAddress.Parse("unix:path=/run/dbus/system_bus_socket,guid=0123").Entries.Single();

        entry.Transport.Should().Be("unix");
        entry.Properties["guid"].Should().Be("0123");
        entry.ToEndPoint()!.ToString().Should().Be("/run/dbus/system_bus_socket");
    }

    [Fact]
    public void Abstract_address_uses_the_abstract_namespace()
    {
        var endPoint = DBusAddress.Parse("unix:abstract=/tmp/dbus-Ab12").Entries.Single().ToEndPoint();

        endPoint.Should().BeEquivalentTo(new UnixDomainSocketEndPoint("\0/tmp/dbus-Ab12"));
    }

    [Fact]
    public void Several_entries_are_kept_in_order_and_values_are_unescaped()
    {
        var address = DBusAddress.Parse("tcp:host=localhost,port=1;unix:path=/tmp/a%20b%2cc");

        address.Entries.Select(e => e.Transport).Should().Equal("tcp", "unix");
        address.Entries[0].ToEndPoint().Should().BeNull("only unix sockets are supported");
        address.Entries[1].Properties["path"].Should().Be("/tmp/a b,c");
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("/run/dbus/system_bus_socket", "no 'transport:' prefix")]
    [InlineData("unix:path", "not key=value")]
    [InlineData("unix:path=/a%2", "bad %-escape")]
    [InlineData("unix:path=/a%zz", "bad %-escape")]
    [InlineData("unix:path=/a,path=/b", "appears twice")]
    public void Malformed_addresses_give_a_one_line_reason(string text, string reason)
    {
        FluentActions.Invoking(() => DBusAddress.Parse(text))
            .Should().Throw<FormatException>()
            .Where(e => e.Message.Contains(reason) && !e.Message.Contains('\n'));
    }

    [Fact]
    public void System_bus_honours_DBUS_SYSTEM_BUS_ADDRESS()
    {
        var address = DBusAddress.SystemBus(name => name == "DBUS_SYSTEM_BUS_ADDRESS" ? "unix:path=/tmp/fake-bluez/bus" : null);

        address.Text.Should().Be("unix:path=/tmp/fake-bluez/bus");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void System_bus_defaults_to_the_well_known_socket(string? variable)
    {
        DBusAddress.SystemBus(_ => variable).Text.Should().Be("unix:path=/var/run/dbus/system_bus_socket");
    }
}
