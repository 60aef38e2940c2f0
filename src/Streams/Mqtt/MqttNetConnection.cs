using System.Reactive.Concurrency;
using MQTTnet;
using MQTTnet.Protocol;
using MqttNetClient = MQTTnet.IMqttClient;

namespace Streams.Mqtt;

/// <summary>
/// One accepted connection over one MQTTnet client, created per attempt so no state of a failed
/// attempt leaks into the next. It covers MQTTnet's traps: its DisconnectedAsync also fires after
/// every failed connect, so the handler only records a loss of an accepted connection (reconnecting
/// is the supervisor's job, never the handler's); every call gets a deadline of ours, since MQTTnet
/// ignores its own timeout once a cancellable token is passed; a refusing CONNACK comes back as a
/// result code and is turned into an exception here.
/// </summary>
internal sealed class MqttNetConnection : IDisposable
{
    private readonly MqttNetClient _client;
    private readonly Action<MqttApplicationMessage> _deliver;
    private readonly TaskCompletionSource<Exception> _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _accepted;

    private MqttNetConnection(MqttNetClient client, Action<MqttApplicationMessage> deliver)
    {
        _client = client;
        _deliver = deliver;
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    public bool SessionPresent { get; private set; }

    /// <summary>Completes with the reason once the accepted connection is gone; never completes for a failed attempt.</summary>
    public Task<Exception> Lost => _lost.Task;

    /// <summary>
    /// Connects within <see cref="MqttClientOptions.ConnectTimeout"/> (timed on <paramref name="scheduler"/>).
    /// Throws <see cref="MqttConnectionRefusedException"/> for a refusal, <see cref="System.Security.Authentication.AuthenticationException"/>
    /// for TLS failures, <see cref="TimeoutException"/> without CONNACK in time, <see cref="IOException"/> otherwise.
    /// </summary>
    public static async Task<MqttNetConnection> OpenAsync(
        MqttNetClient client,
        MQTTnet.MqttClientOptions mqttNetOptions,
        MqttClientOptions options,
        IScheduler scheduler,
        Action<MqttApplicationMessage> deliver,
        CancellationToken cancellationToken)
    {
        var connection = new MqttNetConnection(client, deliver);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var timer = scheduler.CancelAfter(deadline, options.ConnectTimeout);
            MqttClientConnectResult result;
            try
            {
                result = await client.ConnectAsync(mqttNetOptions, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch (Exception) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"no CONNACK from {options.Host}:{options.Port} within {options.ConnectTimeout.TotalSeconds:0.#} s");
            }
            catch (Exception error)
            {
                throw MqttNetErrors.ConnectFailure(error, options);
            }

            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw MqttNetErrors.Refusal(result);
            }

            connection.SessionPresent = result.IsSessionPresent;
            Volatile.Write(ref connection._accepted, 1);
            if (!client.IsConnected)
            {
                // Lost between CONNACK and here: the DisconnectedAsync it raised was not yet counted.
                connection._lost.TrySetResult(new MqttConnectionLostException("connection lost right after CONNACK"));
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _client.PingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (MqttNetErrors.IsConnectionGone(error))
        {
            throw new MqttNotConnectedException($"ping failed: {error.Message}");
        }
    }

    /// <summary>QoS 0 completes once written, QoS 1 on PUBACK; a lost connection throws <see cref="MqttNotConnectedException"/>.</summary>
    public async Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, MqttQualityOfService qos, bool retain, CancellationToken cancellationToken)
    {
        MqttClientPublishResult result;
        try
        {
            result = await _client.PublishAsync(MqttNetOptions.ToMqttNet(topic, payload, qos, retain), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (MqttNetErrors.IsConnectionGone(error))
        {
            throw new MqttNotConnectedException($"message to '{topic}' not delivered: {error.Message}");
        }

        if (!result.IsSuccess)
        {
            // MQTT 5 only: 3.1.1 has no reason codes, and a broker drops what it refuses silently.
            throw new InvalidOperationException($"broker rejected the message to '{topic}': {result.ReasonCode}");
        }
    }

    /// <summary>One SUBSCRIBE for all <paramref name="subscriptions"/>; the SUBACK codes in the same order.</summary>
    public async Task<IReadOnlyList<MqttSubscribeReturnCode>> SubscribeAsync(IReadOnlyList<MqttSubscription> subscriptions, CancellationToken cancellationToken)
    {
        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (var subscription in subscriptions)
        {
            builder = builder.WithTopicFilter(subscription.Filter, MqttNetOptions.ToMqttNet(subscription.MaximumQos));
        }

        MqttClientSubscribeResult result;
        try
        {
            result = await _client.SubscribeAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (MqttNetErrors.IsConnectionGone(error))
        {
            throw new MqttNotConnectedException($"subscribe failed: {error.Message}");
        }

        return [.. result.Items.Select(item => (int)item.ResultCode switch
        {
            0 => MqttSubscribeReturnCode.GrantedQos0,
            1 => MqttSubscribeReturnCode.GrantedQos1,
            2 => MqttSubscribeReturnCode.GrantedQos2,
            _ => MqttSubscribeReturnCode.Failure,
        })];
    }

    /// <summary>
    /// A clean end: DISCONNECT, so the broker discards the will. Needed because MQTTnet's
    /// Dispose() closes the socket without one, and the broker would then publish the will.
    /// </summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _accepted, 0);
        var goodbye = new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build();
        await _client.DisconnectAsync(goodbye, cancellationToken).ConfigureAwait(false);
        _lost.TrySetResult(new MqttConnectionLostException("disconnected by the client"));
    }

    /// <summary>Drops the connection without DISCONNECT, as a crash or a dead link would: the broker publishes the will.</summary>
    public void Abort(string reason)
    {
        _lost.TrySetResult(new MqttConnectionLostException(reason));
        Dispose();
    }

    public void Dispose()
    {
        _client.DisconnectedAsync -= OnDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync -= OnMessageAsync;
        _client.Dispose();
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs disconnected)
    {
        if (Volatile.Read(ref _accepted) == 1)
        {
            _lost.TrySetResult(MqttNetErrors.Lost(disconnected));
        }

        return Task.CompletedTask;
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs received)
    {
        _deliver(MqttNetOptions.FromMqttNet(received.ApplicationMessage));
        return Task.CompletedTask;
    }
}
