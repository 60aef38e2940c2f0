using Serilog;
using Streams.Core;
using Streams.Devices.Eg4Ll;

namespace Streams.Devices.Modbus.Sniffing;

/// <summary>
/// Turns paired reads into readings, per slave address: a read of ≥ 39 registers at 0 is an EG4-LL
/// pack; a read covering 105–127 names its model, firmware and serial; anything else is published
/// as raw registers. State (identity, what was already said) lives for one subscription.
/// </summary>
internal sealed class SniffedReadDecoder(SnifferNaming naming, ILogger log)
{
    private readonly Dictionary<byte, DeviceInfo> _devices = [];
    private readonly Dictionary<byte, DecodeErrorKind> _lastError = [];

    public Reading Decode(PairedRead read, DateTimeOffset at)
    {
        var device = DeviceFor(read.Address);

        if (read.StartRegister <= Eg4LlRegisterMap.IdentityStart
            && read.StartRegister + read.Registers.Length >= Eg4LlRegisterMap.IdentityStart + Eg4LlRegisterMap.IdentityCount)
        {
            var identity = Eg4LlDecoder.DecodeIdentity(read.Registers, read.StartRegister);
            if (identity.TryGetValue(out var known, out _))
            {
                device = _devices[read.Address] = Eg4LlReadings.WithIdentity(device, known);
            }
        }

        if (read.StartRegister == 0 && read.Registers.Length >= Eg4LlRegisterMap.StatusCount)
        {
            var status = Eg4LlDecoder.DecodeStatus(read.Registers, 0, read.Address);
            if (status.TryGetValue(out var decoded, out var error))
            {
                if (_lastError.Remove(read.Address))
                {
                    log.Information("pack {Pack:l} (0x{Address:x2}): decodes again", device.Name, read.Address);
                }

                return Eg4LlReadings.ToReading(device, at, decoded);
            }

            if (!_lastError.TryGetValue(read.Address, out var previous) || previous != error.Kind)
            {
                _lastError[read.Address] = error.Kind;
                log.Warning("pack {Pack:l} (0x{Address:x2}): {Error:l}; publishing raw registers only", device.Name, read.Address, error.Message);
            }
        }

        return new Reading(device with { Protocol = SnifferDevices.RawProtocol }, at, RawRegisterFields.ToFields(read));
    }

    private DeviceInfo DeviceFor(byte address)
    {
        if (_devices.TryGetValue(address, out var device))
        {
            return device;
        }

        var name = naming.NameOf(address);
        if (naming.IsConfigured(address))
        {
            log.Information("first response from configured pack 0x{Address:x2} ({Pack:l})", address, name);
        }
        else
        {
            log.Warning("response from unconfigured slave 0x{Address:x2}: auto-naming it {Pack:l}", address, name);
        }

        device = SnifferDevices.Eg4Ll(name);
        _devices[address] = device;
        return device;
    }
}
