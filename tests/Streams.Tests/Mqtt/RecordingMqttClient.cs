using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Text;
using System.Threading.Channels;
using Streams.Mqtt;

namespace Streams.Tests.Mqtt;

/// <summary>
/// An in-memory <see cref="IMqttClient"/> for the layers above the client: records publishes and
/// lets the test switch the connection state. Publishing while not connected throws like the real
/// client does for QoS 0.
/// </summary>
internal sealed class RecordingMqttClient : IMqttClient
{
    private readonly BehaviorSubject<MqttConnectionState> _states = new(new MqttConnectionState.Disconnected("not started", TimeSpan.Zero));
    private readonly Subject<MqttApplicationMessage> _messages = new();

    public List<(string Topic, string Payload, MqttQualityOfService Qos, bool Retain)> Published { get; } = [];

    /// <summary>When set, the next publish fails with it (once).</summary>
    public Exception? FailNextPublish { get; set; }

    /// <summary>When set, a payload longer than this drops the connection, as a broker's max_packet_size does.</summary>
    public int? DropAbove { get; set; }

    /// <summary>When set, publishes are recorded but their acknowledgements wait for <see cref="Acknowledge"/>.</summary>
    public bool HoldAcknowledgements { get; set; }

    private Channel<TaskCompletionSource> HeldAcknowledgements { get; } = Channel.CreateUnbounded<TaskCompletionSource>();

    /// <summary>Completes the oldest held publish; false when none is held.</summary>
    public bool Acknowledge()
    {
        if (!HeldAcknowledgements.Reader.TryRead(out var held))
        {
            return false;
        }

        held.SetResult();
        return true;
    }

    /// <summary>Waits for the next publish (it may be sent from another thread), then completes it.</summary>
    public async Task AcknowledgeNextAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var held = await HeldAcknowledgements.Reader.ReadAsync(patience.Token);
        held.SetResult();
    }

    public IObservable<MqttConnectionState> States => _states.AsObservable();

    public IObservable<MqttConnectionState.Connected> Connected => _states.OfType<MqttConnectionState.Connected>();

    public IObservable<MqttApplicationMessage> Messages => _messages.AsObservable();

    public MqttConnectionState CurrentState => _states.Value;

    public void SetState(MqttConnectionState state) => _states.OnNext(state);

    public void Start()
    {
    }

    public Task ConnectAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, MqttQualityOfService qos, bool retain, CancellationToken cancellationToken = default)
    {
        if (FailNextPublish is { } failure)
        {
            FailNextPublish = null;
            return Task.FromException(failure);
        }

        if (_states.Value is not MqttConnectionState.Connected)
        {
            return Task.FromException(new MqttNotConnectedException("not connected"));
        }

        if (payload.Length > DropAbove)
        {
            _states.OnNext(new MqttConnectionState.Disconnected("broker closed the connection", TimeSpan.FromSeconds(1)));
            return Task.FromException(new MqttNotConnectedException($"message to '{topic}' not delivered: the connection was lost"));
        }

        Published.Add((topic, Encoding.UTF8.GetString(payload.Span), qos, retain));
        if (HoldAcknowledgements)
        {
            var held = new TaskCompletionSource();
            HeldAcknowledgements.Writer.TryWrite(held);
            return held.Task;
        }

        return Task.CompletedTask;
    }

    public Task<MqttSubscribeReturnCode> SubscribeAsync(string filter, MqttQualityOfService maximumQos, CancellationToken cancellationToken = default) =>
        Task.FromResult(MqttSubscribeReturnCode.GrantedQos1);

    public ValueTask DisposeAsync()
    {
        _states.OnCompleted();
        return ValueTask.CompletedTask;
    }
}
