namespace Streams.Core;

/// <summary>A pack became available (<paramref name="Online"/> true) or unavailable.</summary>
internal sealed record AvailabilityChange(DeviceInfo Device, bool Online)
{
    public override string ToString() => $"{Device.Name} {(Online ? "online" : "offline")}";
}
