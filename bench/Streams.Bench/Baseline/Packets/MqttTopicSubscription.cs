namespace Streams.Bench.Baseline.Packets;

/// <summary>One topic filter of a SUBSCRIBE with the maximum QoS requested for it.</summary>
public sealed record MqttTopicSubscription(string Filter, MqttQualityOfService MaximumQos);
