using BenchmarkDotNet.Attributes;
using Streams.Devices.Eg4Legacy;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Jbd;
using Streams.Devices.Modbus;

namespace Streams.Bench.Protocols;

/// <summary>One complete frame per protocol (real frames from tests/vectors/frames.json) through its decoder.</summary>
[MemoryDiagnoser]
public class DecoderBenchmarks
{
    // eg4ll-wombatt-info, eg4lp-7e-readme, jbd-03-sp04s034-a, jbd-04-sp04s034-a
    private readonly byte[] _eg4Ll = Convert.FromHexString(
        "02034e14f600780d1a0d190d1b0d1b0d1a0d1b0d1a0d1b0d1a0d1b0d1a0d1a0d1a0d1b0d1a0d1a0019001b0018006100640064006100010000000000000000000b15752a00181818180000001003e800004e71");

    private readonly byte[] _eg4Legacy = Convert.FromHexString(
        "7e01015801100cf30cf40cf30cf30cf40cf40cf40cf40cf40cf40cf40cf40cf40cf40cf40cf4020175300301229c04012710050600410041004000408042204206050000000000000000000007010001080114b9090127100a0100003c0d");

    private readonly byte[] _jbdBasic = Convert.FromHexString("dd03001d0618000001f201f400002c7c00000000000080640304030b8b0b8a0b84fa8d77");

    private readonly byte[] _jbdCells = Convert.FromHexString("dd0400080f450f3d0f370f3dfec677");

    private Eg4LlStatus _status = null!;

    [GlobalSetup]
    public void Setup() => _status = ModbusFrame.Parse(_eg4Ll).Then(Eg4LlReplies.Status).Value;

    [Benchmark]
    public object Eg4LlStatusFrame() => ModbusFrame.Parse(_eg4Ll).Then(Eg4LlReplies.Status).Value;

    [Benchmark]
    public object Eg4LlFields() => Eg4LlReadings.ToFields(_status);

    [Benchmark]
    public object Eg4LegacyStatusFrame() => Eg4LegacyDecoder.DecodeStatus(_eg4Legacy).Value;

    [Benchmark]
    public object JbdBasicInfoFrame() => JbdDecoder.DecodeBasicInfo(_jbdBasic).Value;

    [Benchmark]
    public object JbdCellsFrame() => JbdDecoder.DecodeCellVoltages(_jbdCells).Value;
}
