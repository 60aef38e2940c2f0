using Serilog;
using Streams.Mqtt;

namespace Streams.Sinks;

/// <summary>
/// Sends messages to the broker through an <see cref="MqttLatestStatePublisher"/>: every topic the
/// bridge writes (discovery, availability, state, index) is "latest value wins", so while the broker
/// is away only the newest payload per topic waits, and nothing piles up.
/// </summary>
/// <remarks>
/// QoS 1 for everything, states included: discovery and availability must reach the broker, and a
/// state publish written into a half-open connection at QoS 0 would be lost until the next poll, while
/// at QoS 1 the missing PUBACK keeps it in the latest-state buffer, which sends it again after
/// reconnecting (unless a newer one came). The cost is one 4-byte PUBACK per message.
/// A failing publish (say a topic the broker would reject) is logged, never thrown.
/// </remarks>
internal sealed class MqttMessageSink : IMessageSink, IDisposable
{
    private readonly MqttLatestStatePublisher _publisher;
    private readonly ILogger _log;

    public MqttMessageSink(IMqttClient client, ILogger log, int capacity = 4096)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(log);
        _log = log;
        _publisher = new MqttLatestStatePublisher(client, MqttQualityOfService.AtLeastOnce, capacity, log);
    }

    /// <summary>Topics waiting for the broker.</summary>
    public int PendingCount => _publisher.PendingCount;

    /// <summary>The topic of each message the broker would not take (see <see cref="MqttLatestStatePublisher.Rejected"/>).</summary>
    public IObservable<string> Rejected => _publisher.Rejected;

    /// <summary>Messages the broker or the client rejected for good (each logged).</summary>
    public long FailedCount => _publisher.FailedCount;

    /// <summary>Completes once every message published so far was acknowledged by the broker (or failed for good); not while the broker is away.</summary>
    public Task WhenDeliveredAsync(CancellationToken cancellationToken = default) => _publisher.WhenIdleAsync(cancellationToken);

    public void Publish(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            _publisher.Publish(message.Topic, message.Utf8Payload, message.Retain);
        }
        catch (Exception e)
        {
            _log.Error(e, "MQTT publish to {Topic} failed", message.Topic);
        }
    }

    public void Dispose() => _publisher.Dispose();
}
