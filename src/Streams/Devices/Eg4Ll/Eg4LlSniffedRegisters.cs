using Streams.Core;
using Streams.Devices.Modbus.Sniffing;

namespace Streams.Devices.Eg4Ll;

/// <summary>
/// The EG4-LL slave map as a sniffer reads it: a read covering 105–127 names the pack's model,
/// firmware and serial; a read of ≥ 39 registers at 0 is its status (a master-map reply fails with
/// <see cref="DecodeErrorKind.MasterMap"/> and is published raw). Which NTC inputs are sensors is
/// decided per slave from its status reads (<see cref="Eg4LlTemperatureSensors"/>), so one instance
/// serves one sniffing subscription.
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

    public DecodeResult<Reading>? Decode(PairedRead read, DeviceInfo device, DateTimeOffset at) =>
        read.StartRegister == 0 && read.Registers.Length >= Eg4LlRegisterMap.StatusCount
            ? Eg4LlDecoder.DecodeStatus(read.Registers, 0, read.Address).Map(status => Eg4LlReadings.ToReading(device, at, status, SensorsOf(read.Address)))
            : (DecodeResult<Reading>?)null;

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
