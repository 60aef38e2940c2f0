using Streams.Core;
using Streams.Devices.Modbus.Sniffing;

namespace Streams.Devices.Eg4Ll;

/// <summary>
/// The EG4-LL slave map as a sniffer reads it: a read covering 105–127 names the pack's model,
/// firmware and serial; a read of ≥ 39 registers at 0 is its status. A master-map reply to that read,
/// or any read from 1..21 through 23 (what an inverter asks a bank master: 19..34 on the captured buses),
/// is the bank's reading (<see cref="Eg4LlMasterFields"/>). Which NTC inputs are sensors is decided per
/// slave from its status reads (<see cref="Eg4LlTemperatureSensors"/>), so one instance serves one
/// sniffing subscription.
/// </summary>
internal sealed class Eg4LlSniffedRegisters : ISniffedRegisterMap
{
    private readonly Dictionary<byte, Eg4LlTemperatureSensors> _sensors = [];

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

    public DecodeResult<Reading>? Decode(PairedRead read, DeviceInfo device, DateTimeOffset at)
    {
        var status = read.StartRegister == 0 && read.Registers.Length >= Eg4LlRegisterMap.StatusCount;
        if (status && !Eg4LlDecoder.IsMasterMap(read.Registers))
        {
            return Eg4LlDecoder.DecodeStatus(read.Registers, 0, read.Address).Map(decoded => Eg4LlReadings.ToReading(device, at, decoded, SensorsOf(read.Address)));
        }

        return status || (read.StartRegister > 0 && Eg4LlMasterDecoder.Covers(read.StartRegister, read.Registers.Length))
            ? Eg4LlMasterDecoder.Decode(Eg4LlMasterDecoder.Collect(read.Registers, read.StartRegister))
                .Map(decoded => Eg4LlMasterReadings.ToReading(Eg4LlDevice.Master(device.Name), at, decoded))
            : (DecodeResult<Reading>?)null;
    }

    private Eg4LlTemperatureSensors SensorsOf(byte address)
    {
        if (!_sensors.TryGetValue(address, out var sensors))
        {
            sensors = new Eg4LlTemperatureSensors();
            _sensors.Add(address, sensors);
        }

        return sensors;
    }
}
