using FluentAssertions;
using Streams.Composition;
using Streams.Config.Model;
using Xunit;

namespace Streams.Tests.Composition;

public sealed class CapturePathsTests
{
    private static readonly PackConfig Pack = new("garage", 1);

    private static Eg4ModbusSourceConfig Modbus(string port) =>
        new(port, 9600, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10), 39, TimeSpan.FromMilliseconds(5), null, [Pack]);

    [Fact]
    public void No_capture_option_captures_nothing()
    {
        CapturePaths.For(null, [Modbus("/dev/ttyUSB0")])(Modbus("/dev/ttyUSB0")).Should().BeNull();
    }

    [Fact]
    public void One_serial_source_writes_the_file_itself()
    {
        var source = Modbus("/dev/ttyUSB0");

        CapturePaths.For("/tmp/bus.bin", [source])(source).Should().Be("/tmp/bus.bin");
    }

    [Fact]
    public void Several_sources_each_get_their_own_file_so_no_bytes_interleave()
    {
        var first = Modbus("/dev/ttyUSB0");
        var second = Modbus("/dev/ttyUSB1");
        var simulated = new SimulatorSourceConfig("eg4-ll", TimeSpan.FromSeconds(10), 39, 16, [new PackConfig("demo_a", 1)]);

        var pathFor = CapturePaths.For("/tmp/bus.bin", [first, second, simulated]);

        pathFor(first).Should().Be("/tmp/bus.ttyUSB0.bin");
        pathFor(second).Should().Be("/tmp/bus.ttyUSB1.bin");
        pathFor(simulated).Should().Be("/tmp/bus.demo_a.bin");
    }
}
