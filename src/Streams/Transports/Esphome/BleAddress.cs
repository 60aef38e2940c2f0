using System.Globalization;

namespace Streams.Transports.Esphome;

/// <summary>A Bluetooth device address as ESPHome carries it: the six bytes as one uint64, most significant first.</summary>
internal static class BleAddress
{
    /// <exception cref="FormatException">not <c>AA:BB:CC:DD:EE:FF</c>.</exception>
    public static ulong Parse(string mac)
    {
        var parts = mac.Split(':');
        if (parts.Length != 6 || parts.Any(p => p.Length != 2))
        {
            throw new FormatException($"'{mac}' is not a Bluetooth address like AA:BB:CC:DD:EE:FF");
        }

        return parts.Aggregate(0UL, (value, part) => (value << 8) | byte.Parse(part, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }

    public static string Format(ulong address) =>
        string.Join(':', Enumerable.Range(0, 6).Select(i => ((byte)(address >> (8 * (5 - i)))).ToString("X2", CultureInfo.InvariantCulture)));
}
