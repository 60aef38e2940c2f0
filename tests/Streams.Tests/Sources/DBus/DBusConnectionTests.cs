using System.Globalization;
using System.Reactive.Concurrency;
using System.Text;
using FluentAssertions;
using Streams.Sources.DBus;
using Xunit;

namespace Streams.Tests.Sources.DBus;

/// <summary>The connection against a scripted peer: handshake, replies, timeouts in virtual time, signals, serving, failures.</summary>
public sealed class DBusConnectionTests : IAsyncLifetime
{
    private readonly HistoricalScheduler _clock = new(DateTimeOffset.UnixEpoch);
    private FakeBusPeer _peer = null!;

    public Task InitializeAsync()
    {
        _peer = FakeBusPeer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _peer.DisposeAsync();

    [Fact]
    public async Task Authenticates_with_EXTERNAL_and_the_uid_as_hex_of_its_decimal_text_then_says_Hello()
    {
        var connecting = DBusConnection.ConnectAsync(_peer.Address, _clock, TimeSpan.FromSeconds(30));
        await _peer.AcceptAsync("OK 0123456789abcdef0123456789abcdef");
        var hello = await _peer.ReceiveAsync();
        await _peer.SendAsync(DBusMessage.ReturnFor(hello, [new DBusString(":1.77")]) with { Serial = 1 });
        await using var connection = await connecting.WaitAsync(FakeBusPeer.Patience);

        var uid = DBusAuthenticator.EffectiveUserId().ToString(CultureInfo.InvariantCulture);
        _peer.AuthLine.Should().Be("\0AUTH EXTERNAL " + Convert.ToHexString(Encoding.ASCII.GetBytes(uid)).ToLowerInvariant());
        hello.Should().Be(DBusMessage.MethodCall("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "Hello") with { Serial = 1 });
        connection.UniqueName.Should().Be(":1.77");
        connection.ServerGuid.Should().Be("0123456789abcdef0123456789abcdef");
    }

    [Fact]
    public async Task A_rejected_authentication_names_the_mechanisms_the_bus_offers()
    {
        var connecting = DBusConnection.ConnectAsync(_peer.Address, _clock, TimeSpan.FromSeconds(30));
        await _peer.AcceptAsync("REJECTED DBUS_COOKIE_SHA1 ANONYMOUS");

        var error = await FluentActions.Awaiting(() => connecting.WaitAsync(FakeBusPeer.Patience)).Should().ThrowAsync<DBusAuthenticationException>();
        error.WithMessage("*DBUS_COOKIE_SHA1 ANONYMOUS*");
    }

    [Fact]
    public async Task Handshake_times_out_on_the_given_scheduler()
    {
        var connecting = DBusConnection.ConnectAsync(_peer.Address, _clock, TimeSpan.FromSeconds(5));
        await _peer.AcceptAsync("OK 0123456789abcdef0123456789abcdef");
        await _peer.ReceiveAsync();

        _clock.AdvanceBy(TimeSpan.FromSeconds(4.9));
        connecting.IsCompleted.Should().BeFalse();
        _clock.AdvanceBy(TimeSpan.FromSeconds(0.1));

        await FluentActions.Awaiting(() => connecting.WaitAsync(FakeBusPeer.Patience)).Should().ThrowAsync<TimeoutException>().WithMessage("*5 s*");
    }

    [Fact]
    public async Task Nothing_listening_is_a_one_line_connection_error()
    {
        var address = DBusAddress.Parse(_peer.Address.Text + "-missing");

        var error = await FluentActions.Awaiting(() => DBusConnection.ConnectAsync(address, _clock, TimeSpan.FromSeconds(5)))
            .Should().ThrowAsync<DBusConnectionClosedException>();
        error.Which.Message.Should().Contain("-missing").And.NotContain("\n");
    }

    [Fact]
    public async Task Replies_are_matched_to_calls_by_serial_whatever_their_order()
    {
        await using var connection = await _peer.ConnectClientAsync(_clock);
        var first = connection.CallAsync(Call("ReadValue"), TimeSpan.FromSeconds(5));
        var second = connection.CallAsync(Call("ReadValue"), TimeSpan.FromSeconds(5));
        var firstCall = await _peer.ReceiveAsync();
        var secondCall = await _peer.ReceiveAsync();

        await _peer.SendAsync(DBusMessage.ReturnFor(secondCall, [new DBusByteArray([2])]) with { Serial = 10 });
        await _peer.SendAsync(DBusMessage.ReturnFor(firstCall, [new DBusByteArray([1])]) with { Serial = 11 });

        (await first.WaitAsync(FakeBusPeer.Patience)).Body.Should().Equal(new DBusByteArray([1]));
        (await second.WaitAsync(FakeBusPeer.Patience)).Body.Should().Equal(new DBusByteArray([2]));
        secondCall.Serial.Should().Be(firstCall.Serial + 1);
    }

    [Fact]
    public async Task An_error_reply_becomes_DBusErrorException_with_name_and_text()
    {
        await using var connection = await _peer.ConnectClientAsync(_clock);
        var call = connection.CallAsync(Call("WriteValue"), TimeSpan.FromSeconds(5));
        var received = await _peer.ReceiveAsync();

        await _peer.SendAsync(DBusMessage.ErrorFor(received, "org.bluez.Error.NotConnected", "Not connected") with { Serial = 10 });

        var error = await FluentActions.Awaiting(() => call.WaitAsync(FakeBusPeer.Patience)).Should().ThrowAsync<DBusErrorException>();
        error.Which.ErrorName.Should().Be("org.bluez.Error.NotConnected");
        error.Which.ErrorMessage.Should().Be("Not connected");
    }

    [Fact]
    public async Task A_call_times_out_in_virtual_time_and_a_late_reply_is_ignored()
    {
        await using var connection = await _peer.ConnectClientAsync(_clock);
        var call = connection.CallAsync(Call("ReadValue"), TimeSpan.FromSeconds(2));
        var received = await _peer.ReceiveAsync();

        _clock.AdvanceBy(TimeSpan.FromSeconds(1.999));
        call.IsCompleted.Should().BeFalse();
        _clock.AdvanceBy(TimeSpan.FromMilliseconds(1));
        await FluentActions.Awaiting(() => call.WaitAsync(FakeBusPeer.Patience)).Should().ThrowAsync<TimeoutException>().WithMessage("*ReadValue*2 s*");

        await _peer.SendAsync(DBusMessage.ReturnFor(received, []) with { Serial = 10 });
        var next = connection.CallAsync(Call("ReadValue"), TimeSpan.FromSeconds(2));
        var nextReceived = await _peer.ReceiveAsync();
        await _peer.SendAsync(DBusMessage.ReturnFor(nextReceived, [new DBusUInt32(7)]) with { Serial = 11 });
        (await next.WaitAsync(FakeBusPeer.Patience)).Body.Should().Equal(new DBusUInt32(7));
    }

    [Fact]
    public async Task A_cancelled_call_is_cancelled_and_forgotten()
    {
        await using var connection = await _peer.ConnectClientAsync(_clock);
        using var cancel = new CancellationTokenSource();
        var call = connection.CallAsync(Call("ReadValue"), Timeout.InfiniteTimeSpan, cancel.Token);
        await _peer.ReceiveAsync();

        await cancel.CancelAsync();

        await FluentActions.Awaiting(() => call.WaitAsync(FakeBusPeer.Patience)).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Malformed_bytes_from_the_bus_close_the_connection_with_the_protocol_error()
    {
        await using var connection = await _peer.ConnectClientAsync(_clock);
        var call = connection.CallAsync(Call("ReadValue"), Timeout.InfiniteTimeSpan);
        using var signals = new Recorder<DBusMessage>(connection.WatchSignals(new DBusMatchRule { Interface = "org.example.A" }));
        await _peer.ReceiveAsync();

        await _peer.SendRawAsync("x-not-dbus-at-all"u8.ToArray());

        var error = await FluentActions.Awaiting(() => call.WaitAsync(FakeBusPeer.Patience)).Should().ThrowAsync<DBusConnectionClosedException>();
        error.Which.InnerException.Should().BeOfType<DBusProtocolException>();
        (await signals.End.WaitAsync(FakeBusPeer.Patience)).Should().BeOfType<DBusConnectionClosedException>();
        await FluentActions.Awaiting(() => connection.Completion.WaitAsync(FakeBusPeer.Patience)).Should().ThrowAsync<DBusConnectionClosedException>();
        connection.IsConnected.Should().BeFalse();
    }

    [Fact]
    public async Task When_the_bus_hangs_up_pending_and_later_calls_fail_with_DBusConnectionClosedException()
    {
        await using var connection = await _peer.ConnectClientAsync(_clock);
        var call = connection.CallAsync(Call("ReadValue"), Timeout.InfiniteTimeSpan);
        await _peer.ReceiveAsync();

        _peer.HangUp();

        await FluentActions.Awaiting(() => call.WaitAsync(FakeBusPeer.Patience)).Should().ThrowAsync<DBusConnectionClosedException>().WithMessage("*closed the connection*");
        await FluentActions.Awaiting(() => connection.CallAsync(Call("ReadValue"), TimeSpan.FromSeconds(1))).Should().ThrowAsync<DBusConnectionClosedException>();
        FluentActions.Invoking(() => connection.Send(DBusMessage.Signal("/a", "org.example.A", "Tick"))).Should().Throw<DBusConnectionClosedException>();
    }

    [Fact]
    public async Task Subscribing_queues_AddMatch_before_any_later_call_and_disposing_queues_RemoveMatch()
    {
        await using var connection = await _peer.ConnectClientAsync(_clock);
        var rule = new DBusMatchRule { Sender = ":1.7", Interface = "org.example.A", Member = "Tick" };

        var subscription = connection.WatchSignals(rule).Subscribe(_ => { });
        _ = connection.CallAsync(Call("StartNotify"), TimeSpan.FromSeconds(5));
        subscription.Dispose();

        var addMatch = await _peer.ReceiveAsync();
        addMatch.Member.Should().Be("AddMatch");
        addMatch.Body.Should().Equal(new DBusString("type='signal',sender=':1.7',interface='org.example.A',member='Tick'"));
        (await _peer.ReceiveAsync()).Member.Should().Be("StartNotify");
        var removeMatch = await _peer.ReceiveAsync();
        removeMatch.Member.Should().Be("RemoveMatch");
        removeMatch.Body.Should().Equal(addMatch.Body);
    }

    [Fact]
    public async Task Signals_from_a_well_known_sender_are_recognised_through_its_current_owner()
    {
        await using var connection = await _peer.ConnectClientAsync(_clock);
        using var signals = new Recorder<DBusMessage>(connection.WatchSignals(new DBusMatchRule { Sender = "org.bluez", Interface = "org.example.A" }));
        var ownerMatch = await _peer.ReceiveAsync();
        var getOwner = await _peer.ReceiveAsync();
        var ruleMatch = await _peer.ReceiveAsync();
        ownerMatch.Body.Should().Equal(new DBusString(
            "type='signal',sender='org.freedesktop.DBus',interface='org.freedesktop.DBus',member='NameOwnerChanged',path='/org/freedesktop/DBus',arg0='org.bluez'"));
        getOwner.Member.Should().Be("GetNameOwner");
        ruleMatch.Body.Should().Equal(new DBusString("type='signal',sender='org.bluez',interface='org.example.A'"));

        await _peer.SendAsync(DBusMessage.ReturnFor(getOwner, [new DBusString(":1.7")]) with { Serial = 10 });
        await _peer.SendAsync(Tick(11, ":1.8"));
        await _peer.SendAsync(Tick(12, ":1.7"));
        await _peer.SendAsync(DBusMessage.Signal(DBusBus.Path, DBusBus.Interface, "NameOwnerChanged", "org.bluez", ":1.7", ":1.9")
            with { Serial = 13, Sender = DBusBus.Name });
        await _peer.SendAsync(Tick(14, ":1.7"));
        await _peer.SendAsync(Tick(15, ":1.9"));

        (await signals.NextAsync()).Serial.Should().Be(12);
        (await signals.NextAsync()).Serial.Should().Be(15, "after the restart only the new owner's signals count");
    }

    [Fact]
    public async Task An_observer_that_throws_is_cut_off_without_harming_the_connection()
    {
        await using var connection = await _peer.ConnectClientAsync(_clock);
        var calls = 0;
        connection.WatchSignals(new DBusMatchRule { Sender = ":1.7", Member = "Tick" })
            .Subscribe(_ =>
            {
                calls++;
                throw new InvalidOperationException("observer bug");
            });
        using var healthy = new Recorder<DBusMessage>(connection.WatchSignals(new DBusMatchRule { Sender = ":1.7" }));
        var brokenMatch = await _peer.ReceiveAsync();
        await _peer.ReceiveAsync();

        await _peer.SendAsync(Tick(10, ":1.7"));
        await _peer.SendAsync(Tick(11, ":1.7"));

        (await healthy.NextAsync()).Serial.Should().Be(10);
        (await healthy.NextAsync()).Serial.Should().Be(11);
        var removeMatch = await _peer.ReceiveAsync();
        removeMatch.Member.Should().Be("RemoveMatch");
        removeMatch.Body.Should().Equal(brokenMatch.Body);
        calls.Should().Be(1);
        connection.IsConnected.Should().BeTrue();
    }

    [Fact]
    public async Task Served_objects_answer_calls_and_errors_map_to_error_replies()
    {
        await using var connection = await _peer.ConnectClientAsync(_clock);
        using var served = connection.ServeObject("/org/bluez/hci0", (call, _) => call.Member switch
        {
            "Echo" => ValueTask.FromResult<IReadOnlyList<DBusValue>>(call.Body),
            "Fail" => throw new DBusErrorException("org.bluez.Error.Failed", "on purpose"),
            _ => throw new InvalidOperationException("unexpected"),
        });

        await _peer.SendAsync(Incoming(20, "/org/bluez/hci0", "Echo", new DBusByteArray([1, 2]), DBusValue.EmptyOptions));
        var echo = await _peer.ReceiveAsync();
        await _peer.SendAsync(Incoming(21, "/org/bluez/hci0", "Fail"));
        var fail = await _peer.ReceiveAsync();
        await _peer.SendAsync(Incoming(22, "/org/bluez/hci0", "Boom"));
        var boom = await _peer.ReceiveAsync();
        await _peer.SendAsync(Incoming(23, "/nowhere", "Echo"));
        var unknown = await _peer.ReceiveAsync();
        await _peer.SendAsync(Incoming(24, "/org/bluez/hci0", "Echo") with { Flags = DBusMessageFlags.NoReplyExpected });
        await _peer.SendAsync(Incoming(25, "/nowhere", "Ping") with { Interface = "org.freedesktop.DBus.Peer" });
        var ping = await _peer.ReceiveAsync();

        echo.Should().Match<DBusMessage>(m => m.Type == DBusMessageType.MethodReturn && m.ReplySerial == 20 && m.Destination == ":1.50");
        echo.Body.Should().Equal(new DBusByteArray([1, 2]), DBusValue.EmptyOptions);
        fail.Should().Match<DBusMessage>(m => m.ErrorName == "org.bluez.Error.Failed" && m.ReplySerial == 21);
        fail.Body.Should().Equal(new DBusString("on purpose"));
        boom.Should().Match<DBusMessage>(m => m.ErrorName == "org.freedesktop.DBus.Error.Failed" && m.ReplySerial == 22);
        unknown.Should().Match<DBusMessage>(m => m.ErrorName == "org.freedesktop.DBus.Error.UnknownObject" && m.ReplySerial == 23);
        ping.Should().Match<DBusMessage>(m => m.Type == DBusMessageType.MethodReturn && m.ReplySerial == 25, "the no-reply call got no reply");
    }

    [Fact]
    public async Task Disposing_completes_signal_streams_fails_pending_calls_and_completes_Completion()
    {
        var connection = await _peer.ConnectClientAsync(_clock);
        using var signals = new Recorder<DBusMessage>(connection.WatchSignals(new DBusMatchRule { Sender = ":1.7" }));
        var call = connection.CallAsync(Call("ReadValue"), Timeout.InfiniteTimeSpan);

        await connection.DisposeAsync();

        (await signals.End.WaitAsync(FakeBusPeer.Patience)).Should().BeNull();
        await FluentActions.Awaiting(() => call.WaitAsync(FakeBusPeer.Patience)).Should().ThrowAsync<DBusConnectionClosedException>().WithMessage("*disposed*");
        await connection.Completion.WaitAsync(FakeBusPeer.Patience);
    }

    [Fact]
    public async Task Argument_problems_are_reported_when_calling_not_later()
    {
        await using var connection = await _peer.ConnectClientAsync(_clock);

        FluentActions.Invoking(() => { _ = connection.CallAsync(DBusMessage.Signal("/a", "org.example.A", "Tick"), TimeSpan.FromSeconds(1)); })
            .Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => { _ = connection.CallAsync(Call("ReadValue"), TimeSpan.Zero); }).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => { _ = connection.CallAsync(Call("Read.Value"), TimeSpan.FromSeconds(1)); }).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => connection.WatchSignals(new DBusMatchRule { Path = "/a", PathNamespace = "/a" })).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => connection.ServeObject("no/slash", (_, _) => default)).Should().Throw<ArgumentException>();
    }

    private static DBusMessage Call(string member) =>
        DBusMessage.MethodCall("org.bluez", "/org/bluez/hci0/dev_X/char1", "org.bluez.GattCharacteristic1", member, DBusValue.EmptyOptions);

    private static DBusMessage Tick(uint serial, string sender) =>
        DBusMessage.Signal("/a", "org.example.A", "Tick") with { Serial = serial, Sender = sender };

    private static DBusMessage Incoming(uint serial, string path, string member, params DBusValue[] body) =>
        DBusMessage.MethodCall(":1.1", path, "org.example.A", member, body) with { Serial = serial, Sender = ":1.50" };
}
