using System.Reactive.Concurrency;
using FluentAssertions;
using Streams.Sources.DBus;
using Xunit;

namespace Streams.IntegrationTests.DBus;

[CollectionDefinition(nameof(SystemBusAddressTests), DisableParallelization = true)]
public sealed class SystemBusAddressCollection
{
}

/// <summary>
/// <c>DBUS_SYSTEM_BUS_ADDRESS</c> is how the bridge will be pointed at a fake org.bluez. It is
/// process-wide, so this runs alone and restores the variable afterwards.
/// </summary>
[Collection(nameof(SystemBusAddressTests))]
public sealed class SystemBusAddressTests
{
    [Fact]
    public async Task ConnectSystemBusAsync_follows_DBUS_SYSTEM_BUS_ADDRESS()
    {
        await using var daemon = await DBusDaemon.StartAsync();
        var previous = Environment.GetEnvironmentVariable(DBusAddress.SystemBusVariable);
        Environment.SetEnvironmentVariable(DBusAddress.SystemBusVariable, daemon.Address.Text);
        try
        {
            await using var connection = await DBusConnection.ConnectSystemBusAsync(DefaultScheduler.Instance, TimeSpan.FromSeconds(10));

            var names = await connection.ListNamesAsync(TimeSpan.FromSeconds(10));
            names.Should().Contain(connection.UniqueName);
        }
        finally
        {
            Environment.SetEnvironmentVariable(DBusAddress.SystemBusVariable, previous);
        }
    }
}
