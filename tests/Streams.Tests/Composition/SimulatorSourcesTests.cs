using FluentAssertions;
using Streams.Composition;
using Streams.Config.Model;
using Xunit;

namespace Streams.Tests.Composition;

/// <summary>Real sources map to equivalent simulators (dry run), and simulators to the real source that polls them.</summary>
public class SimulatorSourcesTests
{
    private static readonly PackConfig[] Packs = [new("pack1", 1), new("pack2", 2)];

    [Fact]
    public void An_eg4_modbus_source_becomes_eg4_ll_packs_at_the_same_addresses()
    {
        var source = new Eg4ModbusSourceConfig("/dev/ttyUSB0", 9600, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(7), 47, TimeSpan.Zero, null, Packs);

        var simulator = SimulatorSources.EquivalentSimulator(source);

        simulator.Should().BeEquivalentTo(new { Device = SimulatedDevice.Eg4Ll, PollInterval = TimeSpan.FromSeconds(7), RegisterCount = 47, Packs });
    }

    [Fact]
    public void Legacy_jbd_and_sniffer_sources_become_matching_devices()
    {
        var legacy = new Eg4LegacySourceConfig("/dev/ttyUSB1", 9600, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.Zero, 8, null, Packs);
        var jbd = new JbdSerialSourceConfig("/dev/ttyUSB2", 9600, "jbd_uart", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), null);
        var sniffer = new SnifferSourceConfig("/dev/ttyUSB3", 19200, null, []);

        SimulatorSources.EquivalentSimulator(legacy).Should().BeEquivalentTo(new { Device = SimulatedDevice.Eg47E, CellCount = 8, Packs });
        SimulatorSources.EquivalentSimulator(jbd).Should().BeEquivalentTo(new { Device = SimulatedDevice.Jbd, Packs = new[] { new PackConfig("jbd_uart", 1) } });
        SimulatorSources.EquivalentSimulator(sniffer).Should().BeEquivalentTo(new { Device = SimulatedDevice.Eg4Ll, Packs = new[] { new PackConfig("lifepower4_addr_01", 1) } });
    }

    [Theory]
    [InlineData(SimulatedDevice.Eg4Ll, "eg4-modbus")]
    [InlineData(SimulatedDevice.Eg4LlMaster, "eg4-modbus")]
    [InlineData(SimulatedDevice.Eg47E, "eg4-7e")]
    [InlineData(SimulatedDevice.Jbd, "jbd-serial")]
    public void A_simulator_is_polled_by_the_real_source_of_its_device(SimulatedDevice device, string kind)
    {
        var simulator = new SimulatorSourceConfig(device, TimeSpan.FromSeconds(3), 39, 16, [new("sim", 4)]);

        var source = SimulatorSources.AsSerialSource(simulator, "/dev/pts/9", 9600);

        source.Kind.Should().Be(kind);
        source.Should().BeEquivalentTo(new { PollInterval = TimeSpan.FromSeconds(3) }, o => o.ExcludingMissingMembers());
        SimulatorSources.EquivalentSimulator(source).Device.Should().Be(device == SimulatedDevice.Eg4LlMaster ? SimulatedDevice.Eg4Ll : device);
    }

    [Fact]
    public void Device_names_round_trip()
    {
        foreach (var (name, kind) in SimulatedDeviceNames.All)
        {
            SimulatedDeviceNames.NameOf(kind).Should().Be(name);
            SimulatedDeviceNames.TryParse(name, out var parsed).Should().BeTrue();
            parsed.Should().Be(kind);
        }

        SimulatedDeviceNames.TryParse("EG4-LL", out _).Should().BeFalse();
    }

    [Fact]
    public void Per_pack_seeds_are_stable_and_differ_between_packs()
    {
        var a = SimulatedDevices.SeedFor(0, new PackConfig("pack1", 1));

        SimulatedDevices.SeedFor(0, new PackConfig("pack1", 1)).Should().Be(a);
        SimulatedDevices.SeedFor(0, new PackConfig("pack2", 1)).Should().NotBe(a);
        SimulatedDevices.SeedFor(0, new PackConfig("pack1", 2)).Should().NotBe(a);
        SimulatedDevices.SeedFor(1, new PackConfig("pack1", 1)).Should().NotBe(a);
    }
}
