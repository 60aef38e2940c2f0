namespace Streams.Core;

/// <summary>
/// What is known about the device a reading came from. <see cref="Name"/> is the configured pack
/// name (or an auto-name) and is the stable identity; the rest is filled in when the device says it.
/// </summary>
/// <param name="SpeaksForBank">
/// Its readings are already its whole bank's, its slaves' share included (an EG4 pack answering as
/// bank master): a bank that holds it takes its totals from it instead of adding the slaves again.
/// </param>
internal sealed record DeviceInfo(
    string Name,
    string Protocol,
    string Manufacturer,
    string Model,
    string? Firmware = null,
    string? Serial = null,
    bool SpeaksForBank = false);
