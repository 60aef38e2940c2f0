using Streams.Core;
using Streams.Devices.Modbus.Sniffing;

namespace Streams.Devices.Eg4Ll;

/// <summary>
/// The EG4-LL slave map as a sniffer reads it: a read covering 105–127 names the pack's model,
/// firmware and serial; a read of ≥ 39 registers at 0 is its status (a master-map reply fails with
/// <see cref="DecodeErrorKind.MasterMap"/> and is published raw).
/// </summary>
internal sealed class Eg4LlSniffedRegisters : ISniffedRegisterMap
{
    public DeviceInfo Device(string name) => Eg4LlDevice.Named(name);

    public DeviceInfo Identify(PairedRead read, DeviceInfo device)
    {
        var end = read.StartRegister + read.Registers.Length;
        if (read.StartRegister > Eg4LlRegisterMap.IdentityStart || end < Eg4LlRegisterMap.IdentityStart + Eg4LlRegisterMap.IdentityCount)
        {
            return device;
        }

        return Eg4LlDecoder.DecodeIdentity(read.Registers, read.StartRegister).TryGetValue(out var identity, out _)
            ? Eg4LlReadings.WithIdentity(device, identity)
            : device;
    }

    public DecodeResult<Reading>? Decode(PairedRead read, DeviceInfo device, DateTimeOffset at) =>
        read.StartRegister == 0 && read.Registers.Length >= Eg4LlRegisterMap.StatusCount
            ? Eg4LlDecoder.DecodeStatus(read.Registers, 0, read.Address).Map(status => Eg4LlReadings.ToReading(device, at, status))
            : (DecodeResult<Reading>?)null;
}
