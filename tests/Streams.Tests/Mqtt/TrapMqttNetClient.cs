using System.Text;
using MQTTnet;
using MQTTnet.Diagnostics.PacketInspection;
using MQTTnet.Exceptions;
using MQTTnet.Packets;

namespace Streams.Tests.Mqtt;

/// <summary>
/// An in-memory MQTTnet client that behaves the way MQTTnet 5.2 does where it can trap an adapter
/// (each behaviour was seen with the real library against mosquitto; the integration tests pin
/// them): DisconnectedAsync fires after every failed connect too; a refusing CONNACK is returned
/// as a result code; publishing while disconnected throws; Dispose() sends no DISCONNECT; the
/// options' own Timeout is ignored once a cancellable token is passed. Every call lands in <see cref="Calls"/>.
/// </summary>
internal sealed class TrapMqttNetClient : MQTTnet.IMqttClient
{
    private readonly List<string> _calls;

    public TrapMqttNetClient(List<string> calls)
    {
        _calls = calls;
    }

    public event Func<MqttApplicationMessageReceivedEventArgs, Task>? ApplicationMessageReceivedAsync;

    public event Func<MqttClientConnectedEventArgs, Task>? ConnectedAsync
    {
        add { }
        remove { }
    }

    public event Func<MqttClientConnectingEventArgs, Task>? ConnectingAsync
    {
        add { }
        remove { }
    }

    public event Func<MqttClientDisconnectedEventArgs, Task>? DisconnectedAsync;

    public event Func<InspectMqttPacketEventArgs, Task>? InspectPacketAsync
    {
        add { }
        remove { }
    }

    /// <summary>What CONNECT meets: an accepting broker by default.</summary>
    public Func<CancellationToken, Task<MqttClientConnectResult>> Connect { get; set; } = _ => Task.FromResult(Result(MqttClientConnectResultCode.Success));

    /// <summary>What PINGREQ meets: an answer at once by default.</summary>
    public Func<CancellationToken, Task> Ping { get; set; } = _ => Task.CompletedTask;

    /// <summary>Called with each publish as it is recorded.</summary>
    public Action<string>? Published { get; set; }

    public bool IsConnected { get; private set; }

    public MQTTnet.MqttClientOptions Options { get; private set; } = null!;

    public static MqttClientConnectResult Result(MqttClientConnectResultCode code) => new() { ResultCode = code };

    /// <summary>A never-answering call, as MQTTnet's is when its token can be cancelled: only the token ends it.</summary>
    public static Task<T> UntilCancelled<T>(CancellationToken cancellationToken)
    {
        var pending = new TaskCompletionSource<T>();
        cancellationToken.Register(() => pending.TrySetCanceled(cancellationToken));
        return pending.Task;
    }

    /// <summary>The broker went away: MQTTnet notices and raises DisconnectedAsync for an accepted connection.</summary>
    public void Lose()
    {
        IsConnected = false;
        Raise(clientWasConnected: true, new MqttCommunicationException("connection reset by peer"));
    }

    /// <summary>MQTTnet noticed nothing yet, but the next call finds the connection gone.</summary>
    public void LoseSilently() => IsConnected = false;

    public void Receive(string topic, string payload) =>
        ApplicationMessageReceivedAsync?.Invoke(new MqttApplicationMessageReceivedEventArgs(
            "test",
            new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).Build(),
            new MqttPublishPacket(),
            (_, _) => Task.CompletedTask));

    public async Task<MqttClientConnectResult> ConnectAsync(MQTTnet.MqttClientOptions options, CancellationToken cancellationToken = default)
    {
        Options = options;
        _calls.Add("CONNECT");
        MqttClientConnectResult result;
        try
        {
            result = await Connect(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            Raise(clientWasConnected: false, error);
            throw;
        }

        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            Raise(clientWasConnected: false, null, result);
            return result;
        }

        IsConnected = true;
        return result;
    }

    public Task DisconnectAsync(MqttClientDisconnectOptions options, CancellationToken cancellationToken = default)
    {
        _calls.Add("DISCONNECT");
        IsConnected = false;
        Raise(clientWasConnected: true, null);
        return Task.CompletedTask;
    }

    public Task PingAsync(CancellationToken cancellationToken = default) =>
        IsConnected ? Ping(cancellationToken) : throw new MqttClientNotConnectedException();

    public Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage applicationMessage, CancellationToken cancellationToken = default)
    {
        if (!IsConnected)
        {
            throw new MqttClientNotConnectedException();
        }

        var payload = Encoding.UTF8.GetString(applicationMessage.Payload);
        var call = $"PUBLISH {applicationMessage.Topic} {payload} q{(int)applicationMessage.QualityOfServiceLevel} r{(applicationMessage.Retain ? 1 : 0)}";
        _calls.Add(call);
        Published?.Invoke(call);
        return Task.FromResult(new MqttClientPublishResult(1, MqttClientPublishReasonCode.Success, string.Empty, []));
    }

    public Task SendEnhancedAuthenticationExchangeDataAsync(MqttEnhancedAuthenticationExchangeData data, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<MqttClientSubscribeResult> SubscribeAsync(MqttClientSubscribeOptions options, CancellationToken cancellationToken = default)
    {
        _calls.Add($"SUBSCRIBE {string.Join(' ', options.TopicFilters.Select(f => f.Topic))}");
        var items = options.TopicFilters.Select(f => new MqttClientSubscribeResultItem(f, MqttClientSubscribeResultCode.GrantedQoS1)).ToList();
        return Task.FromResult(new MqttClientSubscribeResult(1, items, string.Empty, []));
    }

    public Task<MqttClientUnsubscribeResult> UnsubscribeAsync(MqttClientUnsubscribeOptions options, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public void Dispose()
    {
        _calls.Add("dispose");
        IsConnected = false;
    }

    private void Raise(bool clientWasConnected, Exception? error, MqttClientConnectResult? result = null) =>
        DisconnectedAsync?.Invoke(new MqttClientDisconnectedEventArgs(clientWasConnected, result!, MqttClientDisconnectReason.NormalDisconnection, string.Empty, [], error!));
}
