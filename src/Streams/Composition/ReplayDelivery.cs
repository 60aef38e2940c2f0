using Streams.Config.Model;
using Streams.HomeAssistant;
using Streams.Mqtt;
using Streams.Sinks;

namespace Streams.Composition;

/// <summary>
/// <c>--replay</c> with a broker: nothing is read before the broker accepted the connection, and
/// each reading goes out only after the broker acknowledged (QoS 1) everything before it, so every
/// state the file held arrives, in order; or the replay fails with one line
/// (<see cref="ReplayNotDeliveredException"/>) instead of printing its summary over nothing sent.
/// </summary>
internal sealed class ReplayDelivery(IMqttClient client, MqttMessageSink sink, HomeAssistantPublisher publisher, MqttConfig broker, TimeSpan patience)
{
    /// <summary>How long the replay waits for the broker to connect, and then for each acknowledgement.</summary>
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(10);

    private long _readings;
    private long _delivered;

    private string Broker => $"{broker.Host}:{broker.Port}";

    private string Seconds => $"{patience.TotalSeconds:0.#} s";

    /// <summary>Waits for the first accepted connection and for the announcement made on it.</summary>
    /// <exception cref="ReplayNotDeliveredException">Refused, or no connection within the patience.</exception>
    public async Task ConnectAsync(CancellationToken cancellation)
    {
        try
        {
            await client.ConnectAsync(cancellation).WaitAsync(patience, cancellation).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new ReplayNotDeliveredException($"replay not delivered: no connection to the MQTT broker {Broker} within {Seconds}; nothing was published");
        }
        catch (MqttConnectionRefusedException refused)
        {
            throw new ReplayNotDeliveredException($"replay not delivered: the MQTT broker {Broker} refused the connection ({Reason(refused)}); nothing was published");
        }

        await DeliveredAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// After each reading, on the replay's publishing thread: blocks it until the broker acknowledged
    /// the reading (the replay's backpressure: the file is read no faster than the broker takes it).
    /// </summary>
    public void AfterReading(CancellationToken cancellation)
    {
        _readings++;
        DeliveredAsync(cancellation).GetAwaiter().GetResult();
        _delivered++;
    }

    /// <summary>Waits until what was published so far is acknowledged.</summary>
    /// <exception cref="ReplayNotDeliveredException">No acknowledgement within the patience, or the broker rejected messages.</exception>
    public async Task DeliveredAsync(CancellationToken cancellation)
    {
        try
        {
            await publisher.WhenQueuedWorkDoneAsync().WaitAsync(patience, cancellation).ConfigureAwait(false);
            await sink.WhenDeliveredAsync(cancellation).WaitAsync(patience, cancellation).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new ReplayNotDeliveredException(
                $"replay not delivered: the MQTT broker {Broker} acknowledged nothing for {Seconds} ({_delivered} of {_readings} reading(s) delivered)");
        }

        if (sink.FailedCount > 0)
        {
            throw new ReplayNotDeliveredException(
                $"replay not delivered: the MQTT broker {Broker} rejected {sink.FailedCount} message(s) (logged above); {_delivered} of {_readings} reading(s) delivered");
        }
    }

    /// <summary>"not authorised" out of "broker refused the connection: not authorised; check …".</summary>
    /// <summary>"not authorised; check mqtt.username, …": the refusal without its "broker refused the connection: ", its advice kept (this is the only line the user reads).</summary>
    private static string Reason(MqttConnectionRefusedException refused)
    {
        var text = refused.Message;
        var start = text.IndexOf(": ", StringComparison.Ordinal);
        return start < 0 ? text : text[(start + 2)..];
    }

    /// <summary>For the summary line.</summary>
    public override string ToString() => $"{_delivered} reading(s) acknowledged by the MQTT broker {Broker}";
}
