using Streams.Core;
using Streams.HomeAssistant.Discovery;
using Streams.Sinks;

namespace Streams.HomeAssistant;

/// <summary>
/// Readings and availability changes into each device's retained JSON state and <c>online</c> /
/// <c>offline</c>, with the device announced first when it is new or changed (identity, a new field).
/// Keeps the latest of both in the <see cref="DeviceRegistry"/> for every (re)connect and birth.
/// Not thread-safe: the publisher calls it one piece of work at a time.
/// </summary>
internal sealed class StatePublisher(DeviceRegistry devices, DiscoveryAnnouncer discovery, BridgeTopics topics, IMessageSink sink)
{
    public const string Online = "online";
    public const string Offline = "offline";

    public void Publish(Reading reading)
    {
        var entry = devices.Entry(reading.Device);
        if (entry.Merge(reading) || !entry.Announced)
        {
            discovery.Announce(entry);
        }

        if (entry.Online != true)
        {
            entry.Online = true;
            PublishAvailability(entry, online: true);
        }

        StatePayload.Write(reading, entry.Fields, entry.State);
        // The buffer is written over by the next reading: lent, not given (a sink that keeps it gets a copy).
        sink.PublishLent(entry.StateTopic ??= topics.State(entry.Name), entry.State.WrittenSpan, retain: true);
    }

    /// <summary>Changes only: a first reading already said <c>online</c>, and the retained message stands.</summary>
    public void SetAvailability(DeviceInfo device, bool online)
    {
        var entry = devices.Entry(device);
        if (entry.Online != online)
        {
            entry.Online = online;
            PublishAvailability(entry, online);
        }
    }

    /// <summary>Every device's latest availability and state, as Home Assistant needs them after a (re)connect or its birth.</summary>
    public void RepublishLatest()
    {
        foreach (var entry in devices.All)
        {
            if (entry.Online is { } online)
            {
                PublishAvailability(entry, online);
            }

            if (entry.State.WrittenCount > 0)
            {
                sink.PublishLent(topics.State(entry.Name), entry.State.WrittenSpan, retain: true);
            }
        }
    }

    private void PublishAvailability(DeviceEntry entry, bool online) =>
        sink.Publish(new OutboundMessage(topics.Availability(entry.Name), online ? Online : Offline, retain: true));
}
