namespace Streams.Bench.Baseline.Transport;

/// <summary>Why an established connection ended when no other exception says it (EOF, dead keep-alive, abort).</summary>
internal sealed class MqttConnectionLostException(string message) : Exception(message);
