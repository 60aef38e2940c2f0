using Streams.Devices.Eg4Legacy;
using Streams.Core;
using Streams.Tests.HomeAssistant;
using Streams.Tests.Support;

namespace Streams.Tests.Derived;

/// <summary>Real readings of the three device kinds, decoded from tests/vectors/frames.json.</summary>
internal static class DerivedReadings
{
    /// <summary>Vector eg4ll-wombatt-info (gonzalop/wombatt bms_test.go): 53.66 V, +1.2 A, SoC 97 %, remaining 97 Ah, full 100 Ah, cells 3.353–3.355 V.</summary>
    public static Reading Eg4Ll(string name = "pack1") => HaReadings.Eg4(name);

    /// <summary>Vector eg4lp-7e-readme (slim-bean/powermon README): 53.05 V, 0 A, SoC 88.6 %, full 100 Ah, no remaining capacity, cells 3.315–3.316 V.</summary>
    public static Reading Eg4Legacy(string name = "legacy1") =>
        Eg4LegacyReadings.ToReading(
            new DeviceInfo(name, Eg4LegacyDevice.Protocol, "EG4 Electronics", "LifePower"),
            HaReadings.Noon,
            Eg4LegacyDecoder.DecodeStatus(FrameVectors.Get("eg4lp-7e-readme").Bytes).Value);

    /// <summary>Vectors jbd-03/04-sp04s034-a (syssi/esphome-jbd-bms): 15.6 V, 0 A, SoC 100 %, remaining 4.98 Ah, nominal 5 Ah, no full capacity, cells 3.895–3.909 V.</summary>
    public static Reading Jbd(string name = "jbd1", bool withCells = true) => HaReadings.Jbd(name, withCells: withCells);

    public static double? Number(Reading reading, string key) =>
        reading.Fields.Where(f => f.Spec.Key == key).Select(f => f.Number).FirstOrDefault();

    public static string? Text(Reading reading, string key) =>
        reading.Fields.Where(f => f.Spec.Key == key).Select(f => f.Text).FirstOrDefault();
}
