namespace Streams.Bench.Baseline;

/// <summary>Result of <see cref="MqttKeepAliveMonitor.Check"/>: an action now and the next time to check.</summary>
internal readonly record struct MqttKeepAliveDecision(MqttKeepAliveAction Action, DateTimeOffset NextCheck);
