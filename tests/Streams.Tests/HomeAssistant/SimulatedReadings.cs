using System.Reactive.Concurrency;
using Streams.Core;
using Streams.Devices.Eg4Legacy;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Jbd;
using Streams.Devices.Modbus;
using Streams.Tests.Support;

namespace Streams.Tests.HomeAssistant;

/// <summary>
/// One full reading of each device as the bridge gets it from a 16-cell simulated pack: the request
/// frame the poller sends, the simulator's reply, the device's decoder and readings mapping.
/// </summary>
internal static class SimulatedReadings
{
    private static readonly HistoricalScheduler Clock = new(HaReadings.Noon);

    /// <summary>An EG4-LL pack read with <paramref name="registers"/> registers per poll (39 or 47).</summary>
    public static Reading Eg4Ll(int registers)
    {
        var pack = new SimulatedEg4LlPack(1, 16, Clock, seed: 7);
        var reply = pack.Answer(ModbusReadRequest.Create(1, 0, (ushort)registers))!;
        return Eg4LlReadings.ToReading(Eg4LlDevice.Named("eg4"), Clock.Now, Eg4LlFrames.DecodeStatus(reply).Value);
    }

    public static Reading Eg47E()
    {
        var pack = new SimulatedEg47EPack(1, 16, Clock, seed: 7);
        var reply = pack.Answer(Eg4LegacyRequest.Build(1, Eg4LegacyCommand.GeneralStatus))!;
        return Eg4LegacyReadings.ToReading(Eg4LegacyDevice.Named("legacy"), Clock.Now, Eg4LegacyDecoder.DecodeStatus(reply).Value);
    }

    public static Reading Jbd()
    {
        var bms = new SimulatedJbdBms(16, Clock, seed: 7);
        var basic = JbdDecoder.DecodeBasicInfo(bms.Answer(JbdCommands.ReadBasicInfo())!).Value;
        var cells = JbdDecoder.DecodeCellVoltages(bms.Answer(JbdCommands.ReadCellVoltages())!).Value;
        return JbdReadings.ToReading(JbdDevice.Named("jbd"), Clock.Now, basic, cells);
    }
}
