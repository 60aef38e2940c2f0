namespace Streams.Bench.Baseline;

internal enum MqttKeepAliveAction
{
    None,
    SendPing,
    Dead,
}
