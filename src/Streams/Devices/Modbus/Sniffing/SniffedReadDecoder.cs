using Serilog;
using Streams.Core;

namespace Streams.Devices.Modbus.Sniffing;

/// <summary>
/// Turns paired reads into readings, per slave address, through the claiming device's
/// <see cref="ISniffedRegisterMap"/>: each read updates the slave's state (<see cref="SniffedSlave"/>)
/// with what it carries (the map's reading for a block it decodes, raw registers for any other read
/// or one that fails to decode, the device for an identity block), and the reading is that whole
/// state, so a read of one block never blanks the values of another. State lives for one subscription.
/// </summary>
internal sealed class SniffedReadDecoder(SnifferNaming naming, ISniffedRegisterMap map, ILogger log)
{
    private readonly Dictionary<byte, SniffedSlave> _slaves = [];
    private readonly Dictionary<byte, DecodeErrorKind> _lastError = [];

    public Reading Decode(PairedRead read, DateTimeOffset at)
    {
        var slave = SlaveFor(read.Address);
        slave.Device = map.Identify(read, slave.Device);
        if (map.Decode(read, slave.Device, at) is { } decoded)
        {
            if (decoded.TryGetValue(out var reading, out var error))
            {
                if (_lastError.Remove(read.Address))
                {
                    log.Information("pack {Pack:l} (0x{Address:x2}): decodes again", slave.Device.Name, read.Address);
                }

                slave.Decoded(reading.Fields);
                return new Reading(reading.Device, reading.Timestamp, slave.Fields());
            }

            if (!_lastError.TryGetValue(read.Address, out var previous) || previous != error.Kind)
            {
                _lastError[read.Address] = error.Kind;
                log.Warning("pack {Pack:l} (0x{Address:x2}): {Error:l}; publishing raw registers only", slave.Device.Name, read.Address, error.Message);
            }

            slave.ForgetDecoded();
        }

        slave.Raw(RawRegisterFields.ToFields(read));
        var device = slave.HasDecodedBlock ? slave.Device : slave.Device with { Protocol = ModbusJson.Protocol };
        return new Reading(device, at, slave.Fields());
    }

    private SniffedSlave SlaveFor(byte address)
    {
        if (_slaves.TryGetValue(address, out var slave))
        {
            return slave;
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

        slave = new SniffedSlave(map.Device(name));
        _slaves.Add(address, slave);
        return slave;
    }
}
