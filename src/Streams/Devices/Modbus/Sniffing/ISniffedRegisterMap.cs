using Streams.Core;

namespace Streams.Devices.Modbus.Sniffing;

/// <summary>
/// The register map of the device family that claims the slaves a sniffer overhears (EG4-LL today):
/// what a slave is, what a read tells of its identity, and which reads it decodes. The sniffer
/// itself knows Modbus only; everything a read means comes from here. One instance per sniffing
/// subscription (<see cref="SnifferOptions.NewMap"/>), so it may keep what earlier reads of a slave said.
/// </summary>
internal interface ISniffedRegisterMap
{
    /// <summary>The device a slave is before it has said more.</summary>
    DeviceInfo Device(string name);

    /// <summary><paramref name="device"/> with what <paramref name="read"/> tells of its identity; unchanged when it tells nothing.</summary>
    DeviceInfo Identify(PairedRead read, DeviceInfo device);

    /// <summary>
    /// The reading <paramref name="read"/> decodes to: every field of the block it reads (a later
    /// reading of that block replaces them all); null for a read this map does not decode (its
    /// registers are published raw, beside the fields of earlier reads). The reading's field list is
    /// made for this call and is the sniffer's from then on: it may become the slave's reading, put in
    /// the slave's order (<see cref="SniffedSlave.Decoded"/>).
    /// </summary>
    DecodeResult<Reading>? Decode(PairedRead read, DeviceInfo device, DateTimeOffset at);
}
