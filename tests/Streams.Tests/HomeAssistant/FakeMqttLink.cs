using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Text;
using Streams.Mqtt;

namespace Streams.Tests.HomeAssistant;

/// <summary>The inbound side of a broker for <see cref="Streams.HomeAssistant.HomeAssistantPublisher"/>: connects and incoming messages on demand.</summary>
internal sealed class FakeMqttLink : IMqttClient
{
    private readonly BehaviorSubject<MqttConnectionState> _states = new(new MqttConnectionState.Disconnected("not started", TimeSpan.Zero));
    private readonly Subject<MqttApplicationMessage> _messages = new();

    public List<string> Subscriptions { get; } = [];

    public List<(string Topic, string Payload)> Published { get; } = [];

    public IObservable<MqttConnectionState> States => _states.AsObservable();

    public IObservable<MqttConnectionState.Connected> Connected => _states.OfType<MqttConnectionState.Connected>();

    public IObservable<MqttApplicationMessage> Messages => _messages.AsObservable();

    public MqttConnectionState CurrentState => _states.Value;

    public void Connect() => _states.OnNext(new MqttConnectionState.Connected(SessionPresent: false));

    public void Disconnect() => _states.OnNext(new MqttConnectionState.Disconnected("test", TimeSpan.FromSeconds(1)));

    public void Receive(string topic, string payload, bool retain = false) =>
        _messages.OnNext(new MqttApplicationMessage(topic, Encoding.UTF8.GetBytes(payload), MqttQualityOfService.AtLeastOnce, retain));

    public void Start()
    {
    }

    public Task ConnectAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, MqttQualityOfService qos, bool retain, CancellationToken cancellationToken = default)
    {
        if (_states.Value is not MqttConnectionState.Connected)
        {
            return Task.FromException(new MqttNotConnectedException("not connected"));
        }

        Published.Add((topic, Encoding.UTF8.GetString(payload.Span)));
        return Task.CompletedTask;
    }

    public Task<MqttSubscribeReturnCode> SubscribeAsync(string filter, MqttQualityOfService maximumQos, CancellationToken cancellationToken = default)
    {
        Subscriptions.Add(filter);
        return Task.FromResult(MqttSubscribeReturnCode.GrantedQos1);
    }

    public ValueTask DisposeAsync()
    {
        _states.OnCompleted();
        _messages.OnCompleted();
        return ValueTask.CompletedTask;
    }
}
