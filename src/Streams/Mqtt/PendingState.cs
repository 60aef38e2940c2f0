namespace Streams.Mqtt;

/// <summary>The latest payload waiting for one topic of a <see cref="MqttLatestStatePublisher"/>.</summary>
/// <param name="Sequence">Order of the latest publish to the topic: what waits goes out oldest first.</param>
internal sealed record PendingState(byte[] Payload, bool Retain, long Sequence);

/// <summary>One waiting message taken for sending.</summary>
internal readonly record struct Outgoing(string Topic, PendingState State);
