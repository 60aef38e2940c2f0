using static Streams.Core.FieldSpecFactory;

namespace Streams.Core;

/// <summary>Diagnostics of a Bluetooth LE link, published with each reading of a BLE device.</summary>
internal static class BleLinkFields
{
    /// <summary>How many recent polls <see cref="PollSuccessRate"/> covers.</summary>
    public const int SuccessWindow = 100;

    /// <summary>Signal strength as BlueZ last reported it; absent when it reports none (usual while connected).</summary>
    public static FieldSpec Rssi { get; } = SignalStrength("ble_rssi", "Bluetooth signal strength");

    /// <summary>Answered polls among the last <see cref="SuccessWindow"/>, in %.</summary>
    public static FieldSpec PollSuccessRate { get; } = Percentage("ble_poll_success_rate", "Bluetooth poll success rate", 0);

    /// <summary>When the BMS was last heard (its last notification), ISO 8601.</summary>
    public static FieldSpec LastSeen { get; } = Timestamp("ble_last_seen", "Bluetooth last seen");

    public static IReadOnlyList<FieldSpec> All { get; } = [Rssi, PollSuccessRate, LastSeen];
}
