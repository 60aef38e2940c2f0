using Streams.Core;

namespace Streams.Sinks;

/// <summary>A reading sink that also shows every reading and availability change on a <see cref="PackBoard"/>.</summary>
internal sealed class BoardedReadingSink(IReadingSink inner, PackBoard board) : IReadingSink
{
    public void Publish(Reading reading)
    {
        board.Publish(reading);
        inner.Publish(reading);
    }

    public void SetAvailability(DeviceInfo device, bool online)
    {
        board.SetAvailability(device, online);
        inner.SetAvailability(device, online);
    }
}
