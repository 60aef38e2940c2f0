namespace Streams.Sources.Bluetooth;

/// <summary>The 128-bit UUIDs BlueZ reports, and the JBD dongle's service and characteristics (docs/protocols.md §4).</summary>
public static class BleUuids
{
    /// <summary>JBD / Xiaoxiang service 0xFF00.</summary>
    public static readonly string JbdService = FromShort(0xFF00);

    /// <summary>Notify characteristic 0xFF01: replies arrive here.</summary>
    public static readonly string JbdNotify = FromShort(0xFF01);

    /// <summary>Write characteristic 0xFF02: requests go here.</summary>
    public static readonly string JbdWrite = FromShort(0xFF02);

    /// <summary>A 16-bit assigned number in the Bluetooth base UUID, lower case as BlueZ prints it.</summary>
    public static string FromShort(ushort value) => $"0000{value:x4}-0000-1000-8000-00805f9b34fb";

    /// <summary>Case-insensitive UUID comparison.</summary>
    public static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
