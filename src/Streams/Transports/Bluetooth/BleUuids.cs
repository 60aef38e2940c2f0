namespace Streams.Transports.Bluetooth;

/// <summary>The 128-bit UUIDs BlueZ reports, and the 16-bit assigned numbers inside the Bluetooth base UUID.</summary>
internal static class BleUuids
{
    private const string BaseSuffix = "-0000-1000-8000-00805f9b34fb";

    /// <summary>A 16-bit assigned number in the Bluetooth base UUID, lower case as BlueZ prints it.</summary>
    public static string FromShort(ushort value) => $"0000{value:x4}{BaseSuffix}";

    /// <summary><c>ff00</c> for <c>0000ff00-0000-1000-8000-00805f9b34fb</c>; any other UUID as it is, lower case.</summary>
    public static string ShortForm(string uuid)
    {
        ArgumentNullException.ThrowIfNull(uuid);
        var lower = uuid.ToLowerInvariant();
        return lower.Length == 36 && lower.StartsWith("0000", StringComparison.Ordinal) && lower.EndsWith(BaseSuffix, StringComparison.Ordinal)
            ? lower[4..8]
            : lower;
    }

    /// <summary>Case-insensitive UUID comparison.</summary>
    public static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
