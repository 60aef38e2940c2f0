using FluentAssertions;
using Streams.Composition;
using Streams.Composition.Kinds;
using Streams.Config.Model;
using Xunit;

namespace Streams.Tests.Composition;

/// <summary>Real sources map to equivalent simulators (dry run), and simulators to the real source that polls them.</summary>
public class SimulatorSourcesTests
{
    private static readonly PackConfig[] Packs = [new("pack1", 1), new("pack2", 2)];

    private static SimulatorSourceConfig Equivalent(SourceConfig source) => SourceKinds.For(source).EquivalentSimulator(source);

    [Fact]
    public void An_eg4_modbus_source_becomes_eg4_ll_packs_at_the_same_addresses()
    {
        var source = new Eg4ModbusSourceConfig("/dev/ttyUSB0", 9600, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(7), 47, TimeSpan.Zero, null, Packs);

        var simulator = Equivalent(source);

        simulator.Should().BeEquivalentTo(new { Device = "eg4-ll", PollInterval = TimeSpan.FromSeconds(7), RegisterCount = 47, Packs });
    }

    [Fact]
    public void Legacy_jbd_and_sniffer_sources_become_matching_devices()
    {
        var legacy = new Eg4LegacySourceConfig("/dev/ttyUSB1", 9600, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.Zero, 8, null, Packs);
        var jbd = new JbdSerialSourceConfig("/dev/ttyUSB2", 9600, "jbd_uart", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), null);
        var sniffer = new SnifferSourceConfig("/dev/ttyUSB3", 19200, null, []);

        Equivalent(legacy).Should().BeEquivalentTo(new { Device = "eg4-7e", CellCount = 8, Packs });
        Equivalent(jbd).Should().BeEquivalentTo(new { Device = "jbd", Packs = new[] { new PackConfig("jbd_uart", 1) } });
        Equivalent(sniffer).Should().BeEquivalentTo(new { Device = "eg4-ll", Packs = new[] { new PackConfig("lifepower4_addr_01", 1) } });
    }

    [Theory]
    [InlineData("eg4-ll", "eg4-modbus")]
    [InlineData("eg4-ll-master", "eg4-modbus")]
    [InlineData("eg4-7e", "eg4-7e")]
    [InlineData("jbd", "jbd-serial")]
    public void A_simulator_is_polled_by_the_real_source_of_its_device(string device, string kind)
    {
        var simulator = new SimulatorSourceConfig(device, TimeSpan.FromSeconds(3), 39, 16, [new("sim", 4)]);

        var source = SourceKinds.Simulated(device)!.PolledAs(simulator, "/dev/pts/9", 9600);

        source.Kind.Should().Be(kind);
        source.Should().BeEquivalentTo(new { PollInterval = TimeSpan.FromSeconds(3) }, o => o.ExcludingMissingMembers());
        Equivalent(source).Device.Should().Be(device == "eg4-ll-master" ? "eg4-ll" : device);
    }

    [Fact]
    public void Device_names_are_listed_once_each_and_looked_up_exactly()
    {
        SourceKinds.SimulatedDevices.Select(d => d.Name).Should().Equal("eg4-ll", "eg4-ll-master", "eg4-7e", "jbd");
        foreach (var device in SourceKinds.SimulatedDevices)
        {
            SourceKinds.Simulated(device.Name).Should().BeSameAs(device);
        }

        SourceKinds.Simulated("EG4-LL").Should().BeNull();
    }

    [Fact]
    public void Per_pack_seeds_are_stable_and_differ_between_packs()
    {
        var a = SimulatedSource.SeedFor(0, new PackConfig("pack1", 1));

        SimulatedSource.SeedFor(0, new PackConfig("pack1", 1)).Should().Be(a);
        SimulatedSource.SeedFor(0, new PackConfig("pack2", 1)).Should().NotBe(a);
        SimulatedSource.SeedFor(0, new PackConfig("pack1", 2)).Should().NotBe(a);
        SimulatedSource.SeedFor(1, new PackConfig("pack1", 1)).Should().NotBe(a);
    }
}
