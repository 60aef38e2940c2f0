using Streams.Core;

namespace Streams.Sinks;

/// <summary>
/// Where decoded readings and device availability go. Implementations turn them into messages
/// (Home Assistant state, availability and discovery) for an <see cref="IMessageSink"/>.
/// </summary>
internal interface IReadingSink
{
    void Publish(Reading reading);

    void SetAvailability(DeviceInfo device, bool online);
}
