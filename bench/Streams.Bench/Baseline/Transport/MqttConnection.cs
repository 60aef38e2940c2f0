using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Security.Authentication;
using Serilog;
using Streams.Bench.Baseline.Formatter;
using Streams.Bench.Baseline.Packets;

namespace Streams.Bench.Baseline.Transport;

/// <summary>
/// One accepted MQTT connection: the CONNECT/CONNACK handshake, serialised writes, the read loop
/// and keep-alive (PINGREQ when idle, closed when no answer arrives in time). It ends exactly
/// once; <see cref="Closed"/> then says why. Reconnecting is someone else's job.
/// </summary>
internal sealed class MqttConnection : IAsyncDisposable
{
    private readonly MqttTransportStream _transport;
    private readonly MqttPacketReader _reader;
    private const int BatchLimit = 64 * 1024;
    private readonly MqttPacketEncoder _encoder = new();
    private readonly byte[] _batch = new byte[BatchLimit];
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly IScheduler _scheduler;
    private readonly ILogger _logger;
    private readonly MqttKeepAliveMonitor _keepAlive;
    private readonly TimeSpan _pingTimeout;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly object _closeGate = new();
    private readonly SerialDisposable _keepAliveTimer = new();
    private readonly TaskCompletionSource<Exception> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _readLoop = Task.CompletedTask;

    private MqttConnection(MqttTransportStream transport, MqttPacketReader reader, bool sessionPresent, MqttClientOptions options, IScheduler scheduler, ILogger logger)
    {
        _transport = transport;
        _reader = reader;
        SessionPresent = sessionPresent;
        _scheduler = scheduler;
        _logger = logger;
        _pingTimeout = options.EffectivePingTimeout;
        _keepAlive = new MqttKeepAliveMonitor(options.PingInterval, _pingTimeout, scheduler.Now);
    }

    public bool SessionPresent { get; }

    public string Description => _transport.Description;

    /// <summary>Completes with the reason once the connection has ended, for whatever cause.</summary>
    public Task<Exception> Closed => _closed.Task;

    public bool IsOpen => !_closed.Task.IsCompleted;

    /// <summary>
    /// Opens the transport, sends CONNECT and waits for CONNACK, all within the connect timeout
    /// (timed on <paramref name="scheduler"/>). Throws <see cref="MqttConnectionRefusedException"/>
    /// for a refusing CONNACK, <see cref="AuthenticationException"/> for TLS trust failures.
    /// </summary>
    public static async Task<MqttConnection> OpenAsync(MqttClientOptions options, IScheduler scheduler, ILogger logger, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var timer = scheduler.CancelAfter(deadline, options.ConnectTimeout);
        MqttTransportStream? transport = null;
        try
        {
            transport = await MqttTransport.ConnectAsync(options, logger, deadline.Token).ConfigureAwait(false);
            var connect = new MqttPacketEncoder().Encode(CreateConnect(options));
            var reader = new MqttPacketReader(transport.Stream, options.MaxIncomingPacketSize);
            MqttPacket? first;
            try
            {
                await transport.Stream.WriteAsync(connect, deadline.Token).ConfigureAwait(false);
                first = await reader.ReadAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (IOException e) when (options.Tls is not null)
            {
                throw ClosedBeforeConnAck(options, e.Message);
            }

            switch (first)
            {
                case null when options.Tls is not null:
                    throw ClosedBeforeConnAck(options, "closed");
                case null:
                    throw new MqttConnectionLostException("broker closed the connection before CONNACK");
                case MqttConnAckPacket { ReturnCode: MqttConnectReturnCode.Accepted } ack:
                    var connection = new MqttConnection(transport, reader, ack.SessionPresent, options, scheduler, logger);
                    transport = null;
                    return connection;
                case MqttConnAckPacket refused:
                    throw new MqttConnectionRefusedException(refused.ReturnCode);
                default:
                    throw new MqttProtocolViolationException($"broker sent {first.Type} before CONNACK");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no CONNACK from {options.Host}:{options.Port} within {options.ConnectTimeout.TotalSeconds:0.#} s");
        }
        finally
        {
            if (transport is not null)
            {
                await transport.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Starts the read loop and the keep-alive timer; every received packet goes to <paramref name="onPacket"/>.</summary>
    public void Start(Func<MqttPacket, ValueTask> onPacket)
    {
        _readLoop = Task.Run(() => ReadLoopAsync(onPacket));
        ScheduleKeepAlive(_scheduler.Now + TimeSpan.Zero);
    }

    /// <summary>Exclusive right to write; hold it to send several packets back to back without interleaving.</summary>
    public async Task<IDisposable> LockWriterAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        try
        {
            await _writeLock.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MqttNotConnectedException($"connection to {Description} is closed");
        }

        return Disposable.Create(() => _writeLock.Release());
    }

    /// <summary>
    /// Writes one packet; the caller holds <see cref="LockWriterAsync"/>. A failed write ends the
    /// connection (a half-written packet cannot be taken back) and throws <see cref="MqttNotConnectedException"/>.
    /// </summary>
    public Task WriteLockedAsync(MqttPacket packet)
    {
        if (!IsOpen)
        {
            throw new MqttNotConnectedException($"connection to {Description} is closed");
        }

        return WriteBytesLockedAsync(_encoder.Encode(packet));
    }

    /// <summary>
    /// Writes several packets with as few socket writes as possible (up to 64 KiB each); the caller
    /// holds <see cref="LockWriterAsync"/>. Same failure behaviour as <see cref="WriteLockedAsync(MqttPacket)"/>.
    /// </summary>
    public async Task WriteLockedAsync(IReadOnlyList<MqttPacket> packets)
    {
        if (!IsOpen)
        {
            throw new MqttNotConnectedException($"connection to {Description} is closed");
        }

        var batched = 0;
        foreach (var packet in packets)
        {
            var bytes = _encoder.Encode(packet);
            if (batched > 0 && batched + bytes.Length > BatchLimit)
            {
                await WriteBytesLockedAsync(_batch.AsMemory(0, batched)).ConfigureAwait(false);
                batched = 0;
            }

            if (bytes.Length >= BatchLimit)
            {
                await WriteBytesLockedAsync(bytes).ConfigureAwait(false);
                continue;
            }

            bytes.Span.CopyTo(_batch.AsSpan(batched));
            batched += bytes.Length;
        }

        if (batched > 0)
        {
            await WriteBytesLockedAsync(_batch.AsMemory(0, batched)).ConfigureAwait(false);
        }
    }

    private async Task WriteBytesLockedAsync(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            await _transport.Stream.WriteAsync(bytes, _lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            Close(e is OperationCanceledException ? new MqttConnectionLostException("connection closed while writing") : e);
            throw new MqttNotConnectedException($"connection to {Description} failed while writing: {e.Message}");
        }

        _keepAlive.OnSent(_scheduler.Now);
    }

    public async Task SendAsync(MqttPacket packet, CancellationToken cancellationToken)
    {
        using (await LockWriterAsync(cancellationToken).ConfigureAwait(false))
        {
            await WriteLockedAsync(packet).ConfigureAwait(false);
        }
    }

    /// <summary>Sends DISCONNECT (so the broker drops the will) and closes; bounded by <paramref name="cancellationToken"/>.</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(MqttDisconnectPacket.Instance, cancellationToken).ConfigureAwait(false);
            await _transport.Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MqttNotConnectedException or OperationCanceledException or IOException)
        {
            _logger.Debug("MQTT DISCONNECT to {Broker} not sent: {Reason}", Description, e.Message);
        }

        Close(new MqttConnectionLostException("client disconnected"));
    }

    /// <summary>Drops the socket without DISCONNECT: the broker treats it as a lost client and publishes the will.</summary>
    public void Abort(string reason) => Close(new MqttConnectionLostException(reason));

    public async ValueTask DisposeAsync()
    {
        Close(new MqttConnectionLostException("connection disposed"));
        await _readLoop.ConfigureAwait(false);
        await _transport.DisposeAsync().ConfigureAwait(false);
        lock (_closeGate)
        {
            // A Close that won the race on another thread (e.g. the client's own DISCONNECT during
            // shutdown) may still be cancelling the lifetime: dispose it only after that.
            _lifetime.Dispose();
        }
    }

    private static MqttConnectPacket CreateConnect(MqttClientOptions options) => new()
    {
        ClientId = options.ClientId,
        CleanSession = options.CleanSession,
        KeepAliveSeconds = (ushort)options.KeepAlive.TotalSeconds,
        Will = options.Will,
        Username = options.Username,
        Password = options.Password is null ? null : MqttStrings.StrictUtf8.GetBytes(options.Password),
    };

    /// <summary>
    /// With TLS 1.3 a missing or rejected client certificate does not fail the handshake; the broker
    /// just closes before CONNACK (mqtt.md §7). Treated as an authentication failure: slow retry, one log line.
    /// </summary>
    private static AuthenticationException ClosedBeforeConnAck(MqttClientOptions options, string detail) =>
        new(options.Tls?.ClientCertificateFile is null
            ? $"broker closed the TLS connection before CONNACK ({detail}); does it require a client certificate?"
            : $"broker closed the TLS connection before CONNACK ({detail}); the client certificate was probably rejected");

    private void Close(Exception reason)
    {
        lock (_closeGate)
        {
            if (!_closed.TrySetResult(reason))
            {
                return;
            }

            _keepAliveTimer.Dispose();
            _lifetime.Cancel();
            _transport.Abort();
        }
    }

    private async Task ReadLoopAsync(Func<MqttPacket, ValueTask> onPacket)
    {
        try
        {
            while (IsOpen)
            {
                var packet = await _reader.ReadAsync(_lifetime.Token).ConfigureAwait(false);
                if (packet is null)
                {
                    Close(new MqttConnectionLostException("broker closed the connection"));
                    return;
                }

                _keepAlive.OnReceived();
                await onPacket(packet).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            // After Close() the socket is gone and reads fail with whatever the stream throws;
            // the first reason recorded is the real one.
            Close(e);
        }
    }

    private void ScheduleKeepAlive(DateTimeOffset at)
    {
        if (IsOpen)
        {
            _keepAliveTimer.Disposable = _scheduler.Schedule(at, CheckKeepAlive);
        }
    }

    private void CheckKeepAlive()
    {
        var decision = _keepAlive.Check(_scheduler.Now);
        switch (decision.Action)
        {
            case MqttKeepAliveAction.Dead:
                _logger.Warning("MQTT broker {Broker} did not answer PINGREQ within {Timeout} s; dropping the connection", Description, _pingTimeout.TotalSeconds);
                Close(new MqttConnectionLostException($"no answer to PINGREQ within {_pingTimeout.TotalSeconds:0.#} s"));
                return;
            case MqttKeepAliveAction.SendPing:
                _keepAlive.OnPingSent(_scheduler.Now);
                _ = PingAsync();
                break;
        }

        ScheduleKeepAlive(decision.NextCheck);
    }

    private async Task PingAsync()
    {
        try
        {
            await SendAsync(MqttPingReqPacket.Instance, CancellationToken.None).ConfigureAwait(false);
        }
        catch (MqttNotConnectedException)
        {
            // The connection is already closing; Closed carries the reason.
        }
    }
}
