namespace Streams.Core;

/// <summary>
/// What is known about the device a reading came from. <see cref="Name"/> is the configured pack
/// name (or an auto-name) and is the stable identity; the rest is filled in when the device says it.
/// </summary>
internal sealed record DeviceInfo(
    string Name,
    string Protocol,
    string Manufacturer,
    string Model,
    string? Firmware = null,
    string? Serial = null);
