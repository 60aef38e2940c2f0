using System.Globalization;
using System.Text;
using Streams.Transports.Bluetooth;
using Streams.Transports.Esphome.Messages;

namespace Streams.Transports.Esphome;

/// <summary>One advertisement a proxy heard: who, how loud, the address type a connect needs, and what the AD data says.</summary>
internal sealed record BleAdvertisement(ulong Address, short Rssi, uint AddressType, string? Name, IReadOnlyList<string> ServiceUuids)
{
    public string Mac => BleAddress.Format(Address);

    public BleDeviceSighting ToSighting() => new(Mac, Name, Rssi, ServiceUuids);

    /// <summary>Reads the AD structures (length, type, data) of a raw advertisement; stops at a malformed one. Never throws.</summary>
    public static BleAdvertisement From(BluetoothLERawAdvertisement raw)
    {
        var data = raw.Data.Span;
        string? name = null;
        var uuids = new List<string>();
        var at = 0;
        while (at < data.Length)
        {
            var length = data[at];
            if (length == 0 || at + 1 + length > data.Length)
            {
                break;
            }

            var type = data[at + 1];
            var value = data.Slice(at + 2, length - 1);
            switch (type)
            {
                case 0x08 or 0x09 when name is null || type == 0x09:
                    name = Encoding.UTF8.GetString(value).TrimEnd('\0');
                    break;
                case 0x02 or 0x03:
                    for (var i = 0; i + 2 <= value.Length; i += 2)
                    {
                        uuids.Add(BleUuids.FromShort((ushort)(value[i] | (value[i + 1] << 8))));
                    }

                    break;
                case 0x06 or 0x07:
                    for (var i = 0; i + 16 <= value.Length; i += 16)
                    {
                        uuids.Add(Uuid128(value.Slice(i, 16)));
                    }

                    break;
            }

            at += 1 + length;
        }

        return new BleAdvertisement(raw.Address, (short)Math.Clamp(raw.Rssi, short.MinValue, short.MaxValue), raw.AddressType, name, uuids);
    }

    private static string Uuid128(ReadOnlySpan<byte> littleEndian)
    {
        var hex = new StringBuilder(32);
        for (var i = 15; i >= 0; i--)
        {
            hex.Append(littleEndian[i].ToString("x2", CultureInfo.InvariantCulture));
        }

        return hex.Insert(20, '-').Insert(16, '-').Insert(12, '-').Insert(8, '-').ToString();
    }
}
