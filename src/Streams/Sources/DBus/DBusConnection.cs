using System.Collections.Immutable;
using System.Net.Sockets;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Threading.Channels;

namespace Streams.Sources.DBus;

/// <summary>
/// A connection to a D-Bus message bus over a Unix socket: SASL EXTERNAL, Hello, then method
/// calls with replies matched by serial, signals through match rules, and served objects.
/// <para>
/// One read loop receives and dispatches every message in order; one write loop sends queued
/// messages in the order they were queued. Everything queued by a call that has returned (an
/// AddMatch from <see cref="WatchSignals"/>, a method call) reaches the bus before anything queued
/// later, so "subscribe, then call" never misses a signal the call causes.
/// </para>
/// <para>
/// Timeouts run on the <see cref="IScheduler"/> given to <see cref="ConnectAsync(DBusAddress, IScheduler, TimeSpan, CancellationToken)"/>.
/// When the connection is lost every pending call and every signal stream fails with
/// <see cref="DBusConnectionClosedException"/> and <see cref="Completion"/> faults; disposing it
/// completes the signal streams instead.
/// </para>
/// </summary>
public sealed class DBusConnection : IAsyncDisposable, IDisposable
{
    private readonly Socket _socket;
    private readonly IScheduler _scheduler;
    private readonly object _gate = new();
    private readonly Dictionary<uint, IReplyHandler> _pending = [];
    private readonly Channel<byte[]> _outgoing = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _shutdown = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _readLoop;
    private readonly Task _writeLoop;
    private readonly ServedObjects _objects;
    private ImmutableList<SignalSubscription> _subscriptions = [];
    private uint _lastSerial;
    private DBusConnectionClosedException? _closed;

    private DBusConnection(Socket socket, IScheduler scheduler, string serverGuid, byte[] leftover)
    {
        _socket = socket;
        _scheduler = scheduler;
        ServerGuid = serverGuid;
        _objects = new ServedObjects(TrySend, _shutdown.Token);

        // Nobody has to watch Completion; its failure must not surface as an unobserved task exception.
        _completion.Task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        _readLoop = Task.Run(() => ReadLoopAsync(leftover));
        _writeLoop = Task.Run(WriteLoopAsync);
    }

    /// <summary>The unique name the bus gave this connection (e.g. <c>:1.42</c>).</summary>
    public string UniqueName { get; private set; } = string.Empty;

    /// <summary>The bus's GUID from the authentication exchange.</summary>
    public string ServerGuid { get; }

    /// <summary>
    /// Completes when the connection ends: successfully after <see cref="DisposeAsync"/>, faulted
    /// with <see cref="DBusConnectionClosedException"/> when it was lost.
    /// </summary>
    public Task Completion => _completion.Task;

    public bool IsConnected => Volatile.Read(ref _closed) is null;

    /// <summary>Connects to the system bus: <c>$DBUS_SYSTEM_BUS_ADDRESS</c>, else <c>unix:path=/var/run/dbus/system_bus_socket</c>.</summary>
    public static Task<DBusConnection> ConnectSystemBusAsync(IScheduler scheduler, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        ConnectAsync(DBusAddress.SystemBus(), scheduler, timeout, cancellationToken);

    /// <summary>
    /// Connects, authenticates and says Hello. <paramref name="timeout"/> bounds the whole
    /// handshake (on <paramref name="scheduler"/>, which also times every later call).
    /// Throws <see cref="DBusConnectionClosedException"/> when no entry of the address accepts a
    /// connection, <see cref="DBusAuthenticationException"/> when the bus refuses us,
    /// <see cref="TimeoutException"/> when the handshake takes too long.
    /// </summary>
    public static async Task<DBusConnection> ConnectAsync(DBusAddress address, IScheduler scheduler, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(scheduler);
        ValidateTimeout(timeout);
        using var handshake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var timer = timeout == Timeout.InfiniteTimeSpan ? Disposable.Empty : scheduler.Schedule(timeout, handshake.Cancel);
        Socket? socket = null;
        DBusConnection? connection = null;
        try
        {
            socket = await DBusSocketConnector.ConnectAsync(address, handshake.Token).ConfigureAwait(false);
            var (guid, leftover) = await DBusAuthenticator.AuthenticateAsync(socket, DBusAuthenticator.EffectiveUserId(), handshake.Token).ConfigureAwait(false);
            connection = new DBusConnection(socket, scheduler, guid, leftover);
            var hello = await connection.CallAsync(DBusBus.Call("Hello"), Timeout.InfiniteTimeSpan, handshake.Token).ConfigureAwait(false);
            connection.UniqueName = hello.TryGetArgument<DBusString>(0, out var name)
                ? name.Value
                : throw new DBusProtocolException($"The bus answered Hello with the signature '{hello.Signature}'.");
            return connection;
        }
        catch (Exception error)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                socket?.Dispose();
            }

            if (error is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Connecting to D-Bus at '{address}' took longer than {timeout.TotalSeconds:0.###} s.");
            }

            if (error is SocketException socketError)
            {
                throw new DBusConnectionClosedException($"D-Bus at '{address}' failed during the handshake: {socketError.Message}", socketError);
            }

            throw;
        }
    }

    /// <summary>
    /// Sends a method call and awaits its return. Throws <see cref="DBusErrorException"/> for an
    /// error reply, <see cref="TimeoutException"/> after <paramref name="timeout"/> on the connection's
    /// scheduler (<see cref="Timeout.InfiniteTimeSpan"/>: never), <see cref="OperationCanceledException"/>,
    /// or <see cref="DBusConnectionClosedException"/> when the connection is or gets lost.
    /// </summary>
    public Task<DBusMessage> CallAsync(DBusMessage call, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Type != DBusMessageType.MethodCall)
        {
            throw new ArgumentException($"CallAsync sends method calls, not {call.Type}.", nameof(call));
        }

        if (call.Flags.HasFlag(DBusMessageFlags.NoReplyExpected))
        {
            throw new ArgumentException("A call sent with NoReplyExpected gets no reply to await; use Send.", nameof(call));
        }

        ValidateTimeout(timeout);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<DBusMessage>(cancellationToken);
        }

        var pending = new PendingCall();
        pending.Arm(_scheduler, timeout, $"{call.Interface}.{call.Member} on {call.Destination} {call.Path}", cancellationToken, Abandon);
        try
        {
            Enqueue(call, pending);
        }
        catch (DBusConnectionClosedException closed)
        {
            pending.OnFailure(closed);
        }

        return pending.Task;
    }

    /// <summary>
    /// Queues a message that expects no reply (a signal, a reply, a call with
    /// <see cref="DBusMessageFlags.NoReplyExpected"/>) and returns its serial. Messages still
    /// queued when the connection is disposed are dropped. Throws
    /// <see cref="DBusConnectionClosedException"/> when the connection is closed and
    /// <see cref="ArgumentException"/> for a message that is not valid.
    /// </summary>
    public uint Send(DBusMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Enqueue(message, null);
    }

    /// <summary>
    /// Signals matching <paramref name="rule"/>. Subscribing queues AddMatch (and, for a well-known
    /// sender, the owner lookup that lets the connection recognise its signals); disposing queues
    /// RemoveMatch. Notifications arrive on the read loop: do not block in them (use ObserveOn).
    /// <code>
    /// bus:     --s1--x--s2--|(connection lost)
    /// result:  --s1-----s2--X(DBusConnectionClosedException)    x: a signal the rule does not match
    /// </code>
    /// A rejected rule fails the stream with the bus's <see cref="DBusErrorException"/>.
    /// </summary>
    public IObservable<DBusMessage> WatchSignals(DBusMatchRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var problem = rule.FindProblem();
        if (problem is not null)
        {
            throw new ArgumentException($"Match rule {rule}: {problem}.", nameof(rule));
        }

        return Observable.Create<DBusMessage>(observer =>
        {
            var subscription = new SignalSubscription(rule, observer, s => Detach(s));
            lock (_gate)
            {
                if (_closed is { } closed)
                {
                    observer.OnError(closed);
                    return Disposable.Empty;
                }

                _subscriptions = _subscriptions.Add(subscription);
            }

            try
            {
                if (subscription.TracksOwner)
                {
                    Enqueue(DBusBus.Call("AddMatch", subscription.OwnerRule.ToString()), new ReplyCallback(_ => { }, subscription.Fail));
                    Enqueue(
                        DBusBus.Call("GetNameOwner", rule.Sender!),
                        new ReplyCallback(
                            reply => subscription.SetInitialOwner(reply.TryGetArgument<DBusString>(0, out var owner) ? owner.Value : null),
                            error =>
                            {
                                if (error is DBusErrorException)
                                {
                                    subscription.SetInitialOwner(null);
                                }
                                else
                                {
                                    subscription.Fail(error);
                                }
                            }));
                }

                Enqueue(DBusBus.Call("AddMatch", rule.ToString()), new ReplyCallback(_ => { }, subscription.Fail));
            }
            catch (DBusConnectionClosedException closed)
            {
                subscription.Fail(closed);
            }

            return Disposable.Create(() =>
            {
                subscription.Cancel();
                if (!Detach(subscription))
                {
                    return;
                }

                TrySend(DBusBus.Call("RemoveMatch", rule.ToString()));
                if (subscription.TracksOwner)
                {
                    TrySend(DBusBus.Call("RemoveMatch", subscription.OwnerRule.ToString()));
                }
            });
        });
    }

    /// <summary>
    /// Serves method calls to <paramref name="path"/> with <paramref name="handler"/> until the
    /// returned handle is disposed. Calls to paths nobody serves get
    /// <c>org.freedesktop.DBus.Error.UnknownObject</c>; <c>org.freedesktop.DBus.Peer.Ping</c> is answered for every path.
    /// </summary>
    public IDisposable ServeObject(string path, DBusMethodHandler handler)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(handler);
        if (!DBusNames.IsValidObjectPath(path))
        {
            throw new ArgumentException($"'{path}' is not a valid D-Bus object path.", nameof(path));
        }

        return _objects.Add(path, handler);
    }

    public async ValueTask DisposeAsync()
    {
        Close(null);
        await Task.WhenAll(_readLoop, _writeLoop).ConfigureAwait(false);
    }

    public void Dispose() => Close(null);

    private static void ValidateTimeout(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A D-Bus timeout must be positive (or infinite).");
        }
    }

    private uint Enqueue(DBusMessage message, IReplyHandler? replyHandler)
    {
        lock (_gate)
        {
            if (_closed is { } closed)
            {
                throw closed;
            }

            var serial = _lastSerial == uint.MaxValue ? 1 : _lastSerial + 1;
            var bytes = DBusMessageCodec.Encode(message with { Serial = serial });
            _lastSerial = serial;
            if (replyHandler is not null)
            {
                if (replyHandler is PendingCall pending)
                {
                    pending.Serial = serial;
                }

                _pending[serial] = replyHandler;
            }

            _outgoing.Writer.TryWrite(bytes);
            return serial;
        }
    }

    private void TrySend(DBusMessage message)
    {
        try
        {
            Enqueue(message, null);
        }
        catch (DBusConnectionClosedException)
        {
            // The bus forgets our match rules and objects together with the connection.
        }
    }

    private void Abandon(PendingCall call, Exception reason)
    {
        lock (_gate)
        {
            if (call.Serial != 0 && _pending.TryGetValue(call.Serial, out var registered) && registered == call)
            {
                _pending.Remove(call.Serial);
            }
        }

        call.OnFailure(reason);
    }

    private bool Detach(SignalSubscription subscription)
    {
        lock (_gate)
        {
            var before = _subscriptions;
            _subscriptions = _subscriptions.Remove(subscription);
            return before != _subscriptions;
        }
    }

    private async Task ReadLoopAsync(byte[] leftover)
    {
        var buffer = new DBusMessageBuffer();
        buffer.Append(leftover);
        try
        {
            while (true)
            {
                while (buffer.TryReadMessage(out var message))
                {
                    Dispatch(message);
                }

                var received = await _socket.ReceiveAsync(buffer.GetReceiveMemory(), SocketFlags.None, _shutdown.Token).ConfigureAwait(false);
                if (received == 0)
                {
                    Close(new DBusConnectionClosedException(buffer.Buffered == 0
                        ? "The bus closed the connection."
                        : $"The bus closed the connection in the middle of a message ({buffer.Buffered} bytes received)."));
                    return;
                }

                buffer.Advance(received);
            }
        }
        catch (Exception error)
        {
            Close(error);
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            await foreach (var bytes in _outgoing.Reader.ReadAllAsync(_shutdown.Token).ConfigureAwait(false))
            {
                await DBusAuthenticator.SendAllAsync(_socket, bytes, _shutdown.Token).ConfigureAwait(false);
            }
        }
        catch (Exception error)
        {
            Close(error);
        }
    }

    private void Dispatch(DBusMessage message)
    {
        switch (message.Type)
        {
            case DBusMessageType.MethodReturn or DBusMessageType.Error:
                IReplyHandler? handler;
                lock (_gate)
                {
                    _pending.Remove(message.ReplySerial!.Value, out handler);
                }

                handler?.OnReply(message);
                break;
            case DBusMessageType.Signal:
                foreach (var subscription in Volatile.Read(ref _subscriptions))
                {
                    subscription.OnSignal(message);
                }

                break;
            case DBusMessageType.MethodCall:
                _objects.Dispatch(message);
                break;
            default:
                // The specification says to ignore message types we do not know.
                break;
        }
    }

    private void Close(Exception? reason)
    {
        var error = reason switch
        {
            null => new DBusConnectionClosedException("The D-Bus connection was disposed."),
            DBusConnectionClosedException closed => closed,
            _ => new DBusConnectionClosedException($"The D-Bus connection was lost: {reason.Message}", reason),
        };
        IReplyHandler[] pending;
        ImmutableList<SignalSubscription> subscriptions;
        lock (_gate)
        {
            if (_closed is not null)
            {
                return;
            }

            _closed = error;
            pending = [.. _pending.Values];
            _pending.Clear();
            subscriptions = _subscriptions;
            _subscriptions = [];
        }

        _outgoing.Writer.TryComplete();
        _shutdown.Cancel();
        _socket.Dispose();
        // Subscriptions first: their own pending AddMatch calls must not turn a dispose into an error.
        foreach (var subscription in subscriptions)
        {
            if (reason is null)
            {
                subscription.Complete();
            }
            else
            {
                subscription.Fail(error);
            }
        }

        foreach (var call in pending)
        {
            call.OnFailure(error);
        }

        if (reason is null)
        {
            _completion.TrySetResult();
        }
        else
        {
            _completion.TrySetException(error);
        }
    }
}
