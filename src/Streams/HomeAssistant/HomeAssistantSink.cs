using Streams.Readings;
using Streams.Sinks;

namespace Streams.HomeAssistant;

/// <summary>
/// Publishes readings the way Home Assistant reads them: one retained JSON state document per
/// device per poll, and per-device availability. The console sink receives exactly these messages.
/// </summary>
public sealed class HomeAssistantSink(IMessageSink messages, BridgeTopics topics) : IReadingSink
{
    public void Publish(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        messages.Publish(new OutboundMessage(topics.State(reading.Device.Name), StatePayload.Build(reading), Retain: true));
    }

    public void SetAvailability(DeviceInfo device, bool online)
    {
        ArgumentNullException.ThrowIfNull(device);
        messages.Publish(new OutboundMessage(topics.Availability(device.Name), online ? "online" : "offline", Retain: true));
    }
}
