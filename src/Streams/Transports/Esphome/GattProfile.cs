namespace Streams.Transports.Esphome;

/// <summary>The GATT service and characteristics a device is reached through: notifications come on <paramref name="Notify"/>, requests go to <paramref name="Write"/>.</summary>
/// <param name="Service">The service UUID, 128-bit text form.</param>
/// <param name="Notify">The notify characteristic's UUID.</param>
/// <param name="Write">The write characteristic's UUID.</param>
public sealed record GattProfile(string Service, string Notify, string Write);
