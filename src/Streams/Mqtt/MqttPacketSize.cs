using System.Text;

namespace Streams.Mqtt;

/// <summary>The size of a PUBLISH packet on the wire, as a broker's maximum packet size counts it [MQTT-3.1.2-24].</summary>
internal static class MqttPacketSize
{
    /// <summary>
    /// Fixed header, topic, packet id (QoS 1), an empty MQTT 5 property block, payload. The property
    /// byte is always counted: a limit is only ever known from an MQTT 5 CONNACK.
    /// </summary>
    public static int Publish(string topic, int payloadLength, MqttQualityOfService qos)
    {
        var remaining = 2 + Encoding.UTF8.GetByteCount(topic) + (qos == MqttQualityOfService.AtMostOnce ? 0 : 2) + 1 + payloadLength;
        var lengthBytes = remaining < 128 ? 1 : remaining < 16_384 ? 2 : remaining < 2_097_152 ? 3 : 4;
        return 1 + lengthBytes + remaining;
    }
}
