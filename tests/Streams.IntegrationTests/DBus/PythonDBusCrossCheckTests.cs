using System.Reactive.Concurrency;
using FluentAssertions;
using Streams.Sources.DBus;
using Xunit;

namespace Streams.IntegrationTests.DBus;

/// <summary>Our marshalling against libdbus (through Debian's python3-dbus), both as caller and as served object.</summary>
public sealed class PythonDBusCrossCheckTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private DBusDaemon _daemon = null!;

    public async Task InitializeAsync() => _daemon = await DBusDaemon.StartAsync();

    public async Task DisposeAsync() => await _daemon.DisposeAsync();

    [Fact]
    public async Task Random_values_echoed_by_python3_dbus_come_back_equal()
    {
        await using var echo = await PythonDBusPeer.StartAsync(PythonDBusPeer.EchoService, _daemon.Address, Patience);
        await using var connection = await DBusConnection.ConnectAsync(_daemon.Address, DefaultScheduler.Instance, Patience);
        const int Seed = 20240611;
        var values = new RandomDBusValues(Seed);

        for (var i = 0; i < 300; i++)
        {
            var value = values.Next();
            var reply = await connection.CallAsync(
                DBusMessage.MethodCall("org.example.Echo", "/org/example/Echo", "org.example.Echo", "Echo", new DBusVariant(value)), Patience);

            reply.Body.Should().Equal([new DBusVariant(value)], $"value #{i} of seed {Seed} ({value.Type}) must survive libdbus");
        }
    }

    [Fact]
    public async Task A_python3_dbus_client_writes_and_reads_the_characteristic_we_serve()
    {
        await using var connection = await DBusConnection.ConnectAsync(_daemon.Address, DefaultScheduler.Instance, Patience);
        using var fake = new FakeGattCharacteristic(connection);
        await connection.RequestNameAsync(FakeGattCharacteristic.BusName, DBusRequestNameFlags.DoNotQueue, Patience);

        await using var client = await PythonDBusPeer.StartAsync(PythonDBusPeer.GattClient, _daemon.Address, Patience);
        var printed = await client.ReadLineAsync(Patience);

        fake.LastWrite!.Value.Value.Should().Equal(FakeGattCharacteristic.JbdRequest);
        fake.LastWrite.Value.Options["type"].Should().Be(new DBusString("command"));
        printed.Should().Be(Convert.ToHexString(FakeGattCharacteristic.JbdResponse).ToLowerInvariant());
    }
}
