using System.Reactive.Concurrency;
using FluentAssertions;
using Streams.Sources.DBus;
using Xunit;

namespace Streams.IntegrationTests.DBus;

/// <summary>
/// Our client against a real dbus-daemon: bus methods, a call from connection A to an object
/// served by connection B, error replies, signals through match rules, name ownership changes
/// and the daemon dying. Every wait is bounded; a missing dbus-daemon fails with an install hint.
/// </summary>
public sealed class DBusBusTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly List<DBusConnection> _connections = [];
    private DBusDaemon _daemon = null!;

    public async Task InitializeAsync() => _daemon = await DBusDaemon.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        await _daemon.DisposeAsync();
    }

    [Fact]
    public async Task Hello_gives_a_unique_name_that_ListNames_shows_next_to_the_bus()
    {
        var a = await ConnectAsync();

        a.UniqueName.Should().MatchRegex(@"^:1\.\d+$");
        a.ServerGuid.Should().MatchRegex("^[0-9a-f]{32}$");
        (await a.ListNamesAsync(Patience)).Should().Contain([DBusBus.Name, a.UniqueName]);
    }

    [Fact]
    public async Task RequestName_makes_the_requester_the_owner_GetNameOwner_reports()
    {
        var a = await ConnectAsync();
        var b = await ConnectAsync();

        (await b.RequestNameAsync(FakeGattCharacteristic.BusName, DBusRequestNameFlags.DoNotQueue, Patience)).Should().Be(DBusRequestNameReply.PrimaryOwner);
        (await b.RequestNameAsync(FakeGattCharacteristic.BusName, DBusRequestNameFlags.DoNotQueue, Patience)).Should().Be(DBusRequestNameReply.AlreadyOwner);
        (await a.RequestNameAsync(FakeGattCharacteristic.BusName, DBusRequestNameFlags.DoNotQueue, Patience)).Should().Be(DBusRequestNameReply.Exists);
        (await a.GetNameOwnerAsync(FakeGattCharacteristic.BusName, Patience)).Should().Be(b.UniqueName);
        (await a.GetNameOwnerAsync("org.example.Nobody", Patience)).Should().BeNull();
        (await a.ListNamesAsync(Patience)).Should().Contain(FakeGattCharacteristic.BusName);

        (await b.ReleaseNameAsync(FakeGattCharacteristic.BusName, Patience)).Should().Be(1u);
        (await a.GetNameOwnerAsync(FakeGattCharacteristic.BusName, Patience)).Should().BeNull();
    }

    [Fact]
    public async Task A_calls_the_characteristic_B_serves_with_ay_and_a_sv_and_reads_the_value_back()
    {
        var (a, b, fake) = await StartFakeBluezAsync();

        await a.CallAsync(
            DBusMessage.MethodCall(FakeGattCharacteristic.BusName, FakeGattCharacteristic.CharacteristicPath, FakeGattCharacteristic.GattInterface, "WriteValue",
                new DBusByteArray(FakeGattCharacteristic.JbdRequest), DBusValue.StringVariantMap([new("type", "command")])),
            Patience);
        var read = await a.CallAsync(
            DBusMessage.MethodCall(FakeGattCharacteristic.BusName, FakeGattCharacteristic.CharacteristicPath, FakeGattCharacteristic.GattInterface, "ReadValue", DBusValue.EmptyOptions),
            Patience);

        fake.LastWrite!.Value.Sender.Should().Be(a.UniqueName);
        fake.LastWrite.Value.Value.Should().Equal(FakeGattCharacteristic.JbdRequest);
        fake.LastWrite.Value.Options["type"].Should().Be(new DBusString("command"));
        read.Signature.Should().Be("ay");
        ((DBusByteArray)read.Body[0]).ToArray().Should().Equal(FakeGattCharacteristic.JbdResponse);
        read.Sender.Should().Be(b.UniqueName);
    }

    [Fact]
    public async Task Properties_and_ObjectManager_helpers_work_against_a_served_object()
    {
        var (a, _, _) = await StartFakeBluezAsync();

        var objects = await a.GetManagedObjectsAsync(FakeGattCharacteristic.BusName, "/", Patience);
        var name = await a.GetPropertyAsync(FakeGattCharacteristic.BusName, FakeGattCharacteristic.DevicePath, FakeGattCharacteristic.DeviceInterface, "Name", Patience);
        await a.SetPropertyAsync(FakeGattCharacteristic.BusName, FakeGattCharacteristic.DevicePath, FakeGattCharacteristic.DeviceInterface, "Name", "renamed", Patience);
        var all = await a.GetAllPropertiesAsync(FakeGattCharacteristic.BusName, FakeGattCharacteristic.DevicePath, FakeGattCharacteristic.DeviceInterface, Patience);

        objects.Keys.Should().BeEquivalentTo(FakeGattCharacteristic.DevicePath, FakeGattCharacteristic.CharacteristicPath);
        objects[FakeGattCharacteristic.CharacteristicPath][FakeGattCharacteristic.GattInterface]["UUID"]
            .Should().Be(new DBusString("0000ff01-0000-1000-8000-00805f9b34fb"));
        objects[FakeGattCharacteristic.DevicePath][FakeGattCharacteristic.DeviceInterface]["Connected"].Should().Be(new DBusBoolean(true));
        name.Should().Be(new DBusString("xiaoxiang BMS"));
        all["Name"].Should().Be(new DBusString("renamed"));
        all["Address"].Should().Be(new DBusString("A4:C1:38:00:00:01"));
    }

    [Fact]
    public async Task Error_replies_arrive_as_DBusErrorException_with_their_names()
    {
        var (a, _, fake) = await StartFakeBluezAsync();
        fake.Connected = false;

        var notConnected = await FluentActions.Awaiting(() => a.CallAsync(
                DBusMessage.MethodCall(FakeGattCharacteristic.BusName, FakeGattCharacteristic.CharacteristicPath, FakeGattCharacteristic.GattInterface, "WriteValue",
                    new DBusByteArray([1]), DBusValue.EmptyOptions),
                Patience))
            .Should().ThrowAsync<DBusErrorException>();
        var unknownObject = await FluentActions.Awaiting(() => a.CallAsync(
                DBusMessage.MethodCall(FakeGattCharacteristic.BusName, "/org/bluez/hci9", FakeGattCharacteristic.GattInterface, "ReadValue", DBusValue.EmptyOptions),
                Patience))
            .Should().ThrowAsync<DBusErrorException>();
        var serviceUnknown = await FluentActions.Awaiting(() => a.CallAsync(
                DBusMessage.MethodCall("org.example.Nobody", "/", "org.example.Nobody", "Anything"),
                Patience))
            .Should().ThrowAsync<DBusErrorException>();

        notConnected.Which.ErrorName.Should().Be("org.bluez.Error.NotConnected");
        notConnected.Which.ErrorMessage.Should().Be("Not connected");
        unknownObject.Which.ErrorName.Should().Be("org.freedesktop.DBus.Error.UnknownObject");
        serviceUnknown.Which.ErrorName.Should().Be("org.freedesktop.DBus.Error.ServiceUnknown", "the daemon itself answers for missing names");
    }

    [Fact]
    public async Task A_match_rule_delivers_the_characteristic_notification_and_nothing_else()
    {
        var (a, _, _) = await StartFakeBluezAsync();
        using var notifications = new Recorder<DBusPropertiesChanged>(
            a.PropertiesChanged(FakeGattCharacteristic.BusName, "/org/bluez", FakeGattCharacteristic.GattInterface));

        await a.CallAsync(
            DBusMessage.MethodCall(FakeGattCharacteristic.BusName, FakeGattCharacteristic.CharacteristicPath, FakeGattCharacteristic.GattInterface, "WriteValue",
                new DBusByteArray(FakeGattCharacteristic.JbdRequest), DBusValue.EmptyOptions),
            Patience);
        var notification = await notifications.NextAsync();

        notification.Path.Should().Be(FakeGattCharacteristic.CharacteristicPath);
        notification.Interface.Should().Be(FakeGattCharacteristic.GattInterface);
        ((DBusByteArray)notification.Changed["Value"]).ToArray().Should().Equal(FakeGattCharacteristic.JbdResponse);
        notification.Invalidated.Should().BeEmpty();
        notifications.TryTake(out var extra).Should().BeFalse($"the decoys were sent before the reply, yet {extra} arrived");
    }

    [Fact]
    public async Task Signals_claiming_the_shape_of_org_bluez_from_another_connection_are_not_delivered_as_org_bluez()
    {
        var (a, _, _) = await StartFakeBluezAsync();
        var impostor = await ConnectAsync();
        using var fromBluez = new Recorder<DBusPropertiesChanged>(a.PropertiesChanged(FakeGattCharacteristic.BusName, "/org/bluez"));
        using var fromAnyone = new Recorder<DBusPropertiesChanged>(a.PropertiesChanged(sender: null, "/org/bluez"));
        await a.GetNameOwnerAsync(FakeGattCharacteristic.BusName, Patience);

        impostor.Send(new DBusPropertiesChanged(FakeGattCharacteristic.CharacteristicPath, FakeGattCharacteristic.GattInterface,
            new Dictionary<string, DBusValue> { ["Value"] = new DBusByteArray([0x66]) }, []).ToSignal());
        await impostor.ListNamesAsync(Patience); // the bus routes the impostor's signal before answering this
        await a.CallAsync(
            DBusMessage.MethodCall(FakeGattCharacteristic.BusName, FakeGattCharacteristic.CharacteristicPath, FakeGattCharacteristic.GattInterface, "StartNotify"),
            Patience);

        (await fromAnyone.NextAsync()).Changed["Value"].Should().Be(new DBusByteArray([0x66]));
        (await fromBluez.NextAsync()).Changed.Should().ContainKey("Notifying", "the first org.bluez signal is the real one");
    }

    [Fact]
    public async Task NameOwnerChanged_reports_B_leaving_and_a_replacement_arriving()
    {
        var (a, b, fake) = await StartFakeBluezAsync();
        using var changes = new Recorder<DBusNameOwnerChange>(a.NameOwnerChanged(FakeGattCharacteristic.BusName));
        await a.GetNameOwnerAsync(FakeGattCharacteristic.BusName, Patience);
        var oldOwner = b.UniqueName;

        fake.Dispose();
        await b.DisposeAsync();
        var gone = await changes.NextAsync();
        var restarted = await ConnectAsync();
        await restarted.RequestNameAsync(FakeGattCharacteristic.BusName, DBusRequestNameFlags.DoNotQueue, Patience);
        var back = await changes.NextAsync();

        gone.Should().Be(new DBusNameOwnerChange(FakeGattCharacteristic.BusName, oldOwner, null));
        back.Should().Be(new DBusNameOwnerChange(FakeGattCharacteristic.BusName, null, restarted.UniqueName));
    }

    [Fact]
    public async Task Disposing_a_signal_subscription_removes_its_match_rules_from_the_bus()
    {
        var (a, _, _) = await StartFakeBluezAsync();
        var before = await MatchRulesAsync(a);

        var subscription = a.PropertiesChanged(FakeGattCharacteristic.BusName, "/org/bluez").Subscribe(_ => { });
        var during = await MatchRulesAsync(a);
        subscription.Dispose();
        var after = await MatchRulesAsync(a);

        during.Should().Be(before + 2, "the rule itself and NameOwnerChanged for the well-known sender");
        after.Should().Be(before);
    }

    [Fact]
    public async Task A_pending_call_a_signal_stream_and_Completion_fail_when_the_daemon_dies()
    {
        var (a, _, fake) = await StartFakeBluezAsync();
        using var signals = new Recorder<DBusNameOwnerChange>(a.NameOwnerChanged());
        var hanging = a.CallAsync(
            DBusMessage.MethodCall(FakeGattCharacteristic.BusName, FakeGattCharacteristic.CharacteristicPath, FakeGattCharacteristic.GattInterface, "Hang"),
            Timeout.InfiniteTimeSpan);
        await fake.HangStarted.Task.WaitAsync(Patience);

        await _daemon.KillAsync();

        await FluentActions.Awaiting(() => hanging.WaitAsync(Patience)).Should().ThrowAsync<DBusConnectionClosedException>();
        (await signals.End.WaitAsync(Patience)).Should().BeOfType<DBusConnectionClosedException>();
        await FluentActions.Awaiting(() => a.Completion.WaitAsync(Patience)).Should().ThrowAsync<DBusConnectionClosedException>();
        await FluentActions.Awaiting(() => a.ListNamesAsync(Patience)).Should().ThrowAsync<DBusConnectionClosedException>();
    }

    [Fact]
    public async Task A_call_without_reply_times_out()
    {
        var (a, _, fake) = await StartFakeBluezAsync();

        var hanging = a.CallAsync(
            DBusMessage.MethodCall(FakeGattCharacteristic.BusName, FakeGattCharacteristic.CharacteristicPath, FakeGattCharacteristic.GattInterface, "Hang"),
            TimeSpan.FromMilliseconds(300));

        await FluentActions.Awaiting(() => hanging.WaitAsync(Patience)).Should().ThrowAsync<TimeoutException>();
        fake.HangStarted.Task.IsCompleted.Should().BeTrue();
        (await a.ListNamesAsync(Patience)).Should().NotBeEmpty("a timeout does not hurt the connection");
    }

    [Fact]
    public async Task Connects_through_an_abstract_socket_address()
    {
        await using var daemon = await DBusDaemon.StartAsync(abstractSocket: true);
        await using var connection = await DBusConnection.ConnectAsync(daemon.Address, DefaultScheduler.Instance, Patience);

        daemon.Address.Text.Should().StartWith("unix:abstract=");
        (await connection.ListNamesAsync(Patience)).Should().Contain(connection.UniqueName);
    }

    private async Task<DBusConnection> ConnectAsync()
    {
        var connection = await DBusConnection.ConnectAsync(_daemon.Address, DefaultScheduler.Instance, Patience);
        _connections.Add(connection);
        return connection;
    }

    private async Task<(DBusConnection A, DBusConnection B, FakeGattCharacteristic Fake)> StartFakeBluezAsync()
    {
        var a = await ConnectAsync();
        var b = await ConnectAsync();
        var fake = new FakeGattCharacteristic(b);
        (await b.RequestNameAsync(FakeGattCharacteristic.BusName, DBusRequestNameFlags.DoNotQueue, Patience)).Should().Be(DBusRequestNameReply.PrimaryOwner);
        return (a, b, fake);
    }

    private static async Task<uint> MatchRulesAsync(DBusConnection connection)
    {
        var reply = await connection.CallAsync(
            DBusMessage.MethodCall(DBusBus.Name, DBusBus.Path, "org.freedesktop.DBus.Debug.Stats", "GetConnectionStats", connection.UniqueName),
            Patience);
        return ((DBusDictionary)reply.Body[0]).ToTextKeyed()["MatchRules"] is DBusUInt32 count
            ? count.Value
            : throw new InvalidOperationException("No MatchRules in the connection stats.");
    }
}
