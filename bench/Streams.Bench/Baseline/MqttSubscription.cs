using Streams.Bench.Baseline.Packets;

namespace Streams.Bench.Baseline;

/// <summary>A filter the client keeps subscribed across reconnects, and the wait for its first SUBACK.</summary>
internal sealed class MqttSubscription(string filter, MqttQualityOfService maximumQos)
{
    public string Filter { get; } = filter;

    public MqttQualityOfService MaximumQos { get; } = maximumQos;

    public TaskCompletionSource<MqttSubscribeReturnCode> FirstAck { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
