using FluentAssertions;
using Streams.Devices.Modbus;
using Streams.Framing;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Modbus;

public sealed class ModbusRtuScannerSoakTests
{
    [Fact]
    public void Two_hundred_thousand_random_frames_back_to_back_are_all_found()
    {
        // The CRC's one-byte-shift properties bite about 1 frame in 65 536 when the wrong one of two
        // valid candidates is chosen; FsCheck's few thousand frames per run would not see it.
        var random = new Random(20250601);
        var frames = Enumerable.Range(0, 200_000).Select(_ => RandomFrame(random)).ToList();
        var stream = frames.SelectMany(f => f).ToArray();

        var found = FramerRuns.ScanAll(stream, (ReadOnlySpan<byte> b, bool end, out int c, out FrameBounds f) =>
            ModbusRtuScanner.TryRead(b, end, out c, out f, out _));

        found.Select(f => f.Length).Should().Equal(frames.Select(f => f.Length));
    }

    private static byte[] RandomFrame(Random random)
    {
        var address = (byte)random.Next(1, 248);
        var count = random.Next(3) == 0 ? random.Next(1, 4) : random.Next(1, 126);
        return random.Next(10) switch
        {
            0 => ModbusFrames.Exception(address, (byte)random.Next(1, 12)),
            < 5 => ModbusFrames.Query(address, (ushort)random.Next(0, 0x10000 - count + 1), (ushort)count),
            _ => ModbusFrames.Response(address, Enumerable.Range(0, count).Select(_ => (ushort)random.Next(0x10000)).ToArray()),
        };
    }
}
