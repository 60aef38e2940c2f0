namespace Streams.Mqtt;

/// <summary>SUBACK return codes (§3.9.3), one per requested filter, in order.</summary>
internal enum MqttSubscribeReturnCode : byte
{
    GrantedQos0 = 0x00,
    GrantedQos1 = 0x01,
    GrantedQos2 = 0x02,
    Failure = 0x80,
}
