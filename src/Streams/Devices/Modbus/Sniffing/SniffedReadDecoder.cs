using Serilog;
using Streams.Core;

namespace Streams.Devices.Modbus.Sniffing;

/// <summary>
/// Turns paired reads into readings, per slave address, through the claiming device's
/// <see cref="ISniffedRegisterMap"/>: a read it decodes becomes its reading, any other read (or one
/// that fails to decode) is published as raw registers. State (identity, what was already said)
/// lives for one subscription.
/// </summary>
internal sealed class SniffedReadDecoder(SnifferNaming naming, ISniffedRegisterMap map, ILogger log)
{
    private readonly Dictionary<byte, DeviceInfo> _devices = [];
    private readonly Dictionary<byte, DecodeErrorKind> _lastError = [];

    public Reading Decode(PairedRead read, DateTimeOffset at)
    {
        var device = _devices[read.Address] = map.Identify(read, DeviceFor(read.Address));
        if (map.Decode(read, device, at) is { } decoded)
        {
            if (decoded.TryGetValue(out var reading, out var error))
            {
                if (_lastError.Remove(read.Address))
                {
                    log.Information("pack {Pack:l} (0x{Address:x2}): decodes again", device.Name, read.Address);
                }

                return reading;
            }

            if (!_lastError.TryGetValue(read.Address, out var previous) || previous != error.Kind)
            {
                _lastError[read.Address] = error.Kind;
                log.Warning("pack {Pack:l} (0x{Address:x2}): {Error:l}; publishing raw registers only", device.Name, read.Address, error.Message);
            }
        }

        return new Reading(device with { Protocol = ModbusJson.Protocol }, at, RawRegisterFields.ToFields(read));
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

        return map.Device(name);
    }
}
