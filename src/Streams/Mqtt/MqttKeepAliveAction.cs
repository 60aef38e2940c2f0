namespace Streams.Mqtt;

internal enum MqttKeepAliveAction
{
    None,
    SendPing,
    Dead,
}
