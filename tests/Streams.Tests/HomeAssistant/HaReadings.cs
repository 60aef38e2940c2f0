using Streams.Core;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Jbd;
using Streams.Tests.Support;

namespace Streams.Tests.HomeAssistant;

/// <summary>Real readings for the Home Assistant tests, decoded from tests/vectors/frames.json.</summary>
internal static class HaReadings
{
    public static readonly DateTimeOffset Noon = new(2026, 1, 2, 12, 0, 0, TimeSpan.Zero);

    public static DeviceInfo Eg4Device(string name = "pack1", string? firmware = "Z02T04", string? serial = "2023-10-01-0042") =>
        new(name, Eg4LlDevice.Protocol, "EG4 Electronics", "LifePower4 v2", firmware, serial);

    public static DeviceInfo JbdDevice(string name = "jbd1") => new(name, Streams.Devices.Jbd.JbdDevice.Protocol, "JBD", "SP04S034", "8.0");

    /// <summary>Vector eg4ll-wombatt-info (gonzalop/wombatt internal/bms/bms_test.go TestBatteryInfo).</summary>
    public static Reading Eg4(string name = "pack1", DateTimeOffset? at = null, DeviceInfo? device = null) =>
        Eg4LlReadings.ToReading(device ?? Eg4Device(name), at ?? Noon, Eg4LlFrames.DecodeStatus(FrameVectors.Get("eg4ll-wombatt-info").Bytes).Value);

    /// <summary>
    /// Vectors jbd-03-sp04s034-a and jbd-04-sp04s034-a (syssi/esphome-jbd-bms docs/pdus/JBD-SP04S034-L4S-200A-B-U.txt),
    /// with the 0xAA counters of <see cref="JbdErrorCountFrames"/>.
    /// </summary>
    public static Reading Jbd(string name = "jbd1", DateTimeOffset? at = null, bool withCells = true) =>
        JbdReadings.ToReading(
            JbdDevice(name),
            at ?? Noon,
            JbdDecoder.DecodeBasicInfo(FrameVectors.Get("jbd-03-sp04s034-a").Bytes).Value,
            withCells ? JbdDecoder.DecodeCellVoltages(FrameVectors.Get("jbd-04-sp04s034-a").Bytes).Value : null,
            JbdDecoder.DecodeErrorCounts(JbdErrorCountFrames.Ultimatron).Value);
}
