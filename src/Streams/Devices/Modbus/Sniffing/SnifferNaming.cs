namespace Streams.Devices.Modbus.Sniffing;

/// <summary>
/// Names the slaves a sniffer hears: the configured pack name for a configured address, otherwise
/// the Python bridge's automatic name (<c>lifepower4_addr_0a</c>), so its users keep their entities.
/// </summary>
internal sealed class SnifferNaming(IReadOnlyDictionary<byte, string> configured)
{
    public bool IsConfigured(byte address) => configured.ContainsKey(address);

    public string NameOf(byte address) =>
        configured.TryGetValue(address, out var name) ? name : AutoName(address);

    public static string AutoName(byte address) => $"lifepower4_addr_{address:x2}";
}
