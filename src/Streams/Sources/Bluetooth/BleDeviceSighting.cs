using System.Text.RegularExpressions;

namespace Streams.Sources.Bluetooth;

/// <summary>A device a scan saw: its address, advertised name, signal strength and service UUIDs.</summary>
public sealed partial record BleDeviceSighting(string Address, string? Name, short? Rssi, IReadOnlyList<string> ServiceUuids)
{
    /// <summary>Advertises the JBD service 0xFF00.</summary>
    public bool AdvertisesJbdService => ServiceUuids.Any(uuid => BleUuids.Same(uuid, BleUuids.JbdService));

    /// <summary>Advertises 0xFF00 or is named like a JBD / Xiaoxiang BMS (<c>JBD…</c>, <c>xiaoxiang…</c>, <c>SP04S…</c>).</summary>
    public bool LooksLikeBms => AdvertisesJbdService || (Name is not null && BmsName().IsMatch(Name));

    [GeneratedRegex(@"^(jbd|xiaoxiang|sp\d{2}s)|xiaoxiang", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BmsName();
}
