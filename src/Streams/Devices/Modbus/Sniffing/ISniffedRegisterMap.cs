using Streams.Core;

namespace Streams.Devices.Modbus.Sniffing;

/// <summary>
/// The register map of the device family that claims the slaves a sniffer overhears (EG4-LL today):
/// what a slave is, what a read tells of its identity, and which reads it decodes. The sniffer
/// itself knows Modbus only; everything a read means comes from here.
/// </summary>
internal interface ISniffedRegisterMap
{
    /// <summary>The device a slave is before it has said more.</summary>
    DeviceInfo Device(string name);

    /// <summary><paramref name="device"/> with what <paramref name="read"/> tells of its identity; unchanged when it tells nothing.</summary>
    DeviceInfo Identify(PairedRead read, DeviceInfo device);

    /// <summary>The reading <paramref name="read"/> decodes to; null for a read this map does not decode (it is published raw).</summary>
    DecodeResult<Reading>? Decode(PairedRead read, DeviceInfo device, DateTimeOffset at);
}
