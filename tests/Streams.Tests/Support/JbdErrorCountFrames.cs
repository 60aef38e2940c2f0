namespace Streams.Tests.Support;

/// <summary>
/// A real 0xAA reply. tests/vectors/frames.json holds none; this one is from sergkh/node-ultimatron-battery
/// (src/index.ts, the comment under <c>cmdBattery = "dda5aa00ff5677"</c>): an Ultimatron (JBD) BMS answering
/// over BLE in two notifications, joined here. Its checksum 0xFF37 is the JBD sum of the status, length and data.
/// </summary>
internal static class JbdErrorCountFrames
{
    public const string UltimatronHex =
        "ddaa0018" + "000100000000" + "2f530000" + "00000003" + "00000000" + "00010000" + "002a" + "ff3777";

    public static byte[] Ultimatron => Convert.FromHexString(UltimatronHex);

    /// <summary>What the frame's 24 data bytes hold in the documented order (syssi/esphome-jbd-bms on_error_counts_data_, Jiabaida protocol §3.4).</summary>
    public static readonly ushort[] UltimatronCounts = [1, 0, 0, 0x2F53, 0, 0, 3, 0, 0, 1, 0];

    public const ushort UltimatronRestarts = 0x2A;
}
