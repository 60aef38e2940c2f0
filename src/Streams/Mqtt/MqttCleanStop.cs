using System.Reactive.Concurrency;
using Serilog;

namespace Streams.Mqtt;

/// <summary>
/// How a client says goodbye: the shutdown message (retained, QoS 1), then DISCONNECT, each
/// bounded by <see cref="MqttClientOptions.ShutdownTimeout"/>. The DISCONNECT is what keeps the
/// will unsent [MQTT-3.1.2-10]; MQTTnet's Dispose() alone closes the socket without one. A failure
/// is logged, never thrown: a stop must stay a stop.
/// </summary>
internal static class MqttCleanStop
{
    public static async Task GoodbyeAsync(MqttNetConnection connection, MqttClientOptions options, IScheduler scheduler, ILogger logger)
    {
        if (options.ShutdownMessage is not { } goodbye)
        {
            return;
        }

        using var bound = new CancellationTokenSource();
        using var timer = scheduler.CancelAfter(bound, options.ShutdownTimeout);
        try
        {
            await connection.PublishAsync(goodbye.Topic, goodbye.Payload, MqttQualityOfService.AtLeastOnce, retain: true, bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            logger.Warning("MQTT shutdown message to {Topic} not acknowledged within {Timeout} s", goodbye.Topic, options.ShutdownTimeout.TotalSeconds);
        }
        catch (Exception e) when (e is MqttNotConnectedException or InvalidOperationException)
        {
            logger.Warning("MQTT shutdown message to {Topic} not sent: {Reason}", goodbye.Topic, e.Message);
        }
    }

    public static async Task DisconnectAsync(MqttNetConnection connection, MqttClientOptions options, IScheduler scheduler, ILogger logger)
    {
        using var bound = new CancellationTokenSource();
        using var timer = scheduler.CancelAfter(bound, options.ShutdownTimeout);
        try
        {
            await connection.DisconnectAsync(bound.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException || MqttNetErrors.IsConnectionGone(e))
        {
            logger.Warning("MQTT DISCONNECT not sent: {Reason}", e.Message);
        }
    }
}
