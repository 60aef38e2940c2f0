using Streams.Config.Model;

namespace Streams.Config.Loading;

/// <summary>
/// Reads the Python seed's layout (<c>bus</c>, <c>mqtt</c>, <c>packs</c>, <c>cell_count</c>) unchanged and
/// maps it onto the native model:
/// <list type="bullet">
/// <item><c>modbus_per_pack</c>: one <c>eg4-modbus</c> source per pack on the pack's own port (baud: the
/// pack's, else <c>bus.baud</c>), reading 47 registers as the seed does;</item>
/// <item><c>active</c>: one <c>eg4-7e</c> source on <c>bus.port</c> with all packs;</item>
/// <item><c>passive</c>: one <c>sniffer</c> source on <c>bus.port</c> with all packs as names;</item>
/// <item><c>transport: mock</c>: a <c>simulator</c> of the device that mode talks to, in place of each
/// serial source (so one per pack for <c>modbus_per_pack</c>).</item>
/// </list>
/// The native <c>logging</c> and <c>health</c> sections are accepted too.
/// </summary>
internal static class SeedFormatReader
{
    private static readonly KeyValuePair<string, SeedMode>[] Modes =
    [
        new("modbus_per_pack", SeedMode.ModbusPerPack),
        new("active", SeedMode.Active),
        new("passive", SeedMode.Passive),
    ];

    private static readonly KeyValuePair<string, bool>[] Transports =
    [
        new("serial", false),
        new("mock", true),
    ];

    private enum SeedMode
    {
        ModbusPerPack,
        Active,
        Passive,
    }

    public static StreamsConfig Read(MappingReader root)
    {
        if (root.Find("sources") is not null)
        {
            root.Error("sources", "cannot be mixed with the seed layout (bus, packs); use one layout or the other");
        }

        var bus = root.Mapping("bus");
        if (root.Find("bus") is null)
        {
            root.Error("bus", "required value is missing (a mapping with mode, transport, port, baud, ...)");
        }

        var settings = bus is null ? null : ReadBus(bus);
        // The seed documents cell_count as "active mode only" and ignores it elsewhere; so does this.
        var cellCount = root.Integer("cell_count", Limits.DefaultCellCount, Limits.MinCellCount, Limits.MaxCellCount);

        var sources = ReadSources(root, settings, cellCount);
        var mqtt = root.Mapping("mqtt") is { } mqttMap ? MqttSectionReader.Read(mqttMap) : null;
        var logging = LoggingSectionReader.Read(root.Mapping("logging"));
        var health = HealthSectionReader.Read(root.Mapping("health"));
        bus?.ReportUnknownKeys();
        root.ReportUnknownKeys();
        return new StreamsConfig(sources, mqtt, logging, health, ConfigFormat.Seed);
    }

    private static BusSettings? ReadBus(MappingReader bus)
    {
        var hasMode = bus.TryRequiredChoice("mode", Modes, out var mode);
        var mock = bus.Choice("transport", false, Transports);
        var settings = new BusSettings(
            Reader: bus,
            Mode: mode,
            Mock: mock,
            Baud: bus.Baud(),
            Timeout: bus.Seconds("timeout_s", Limits.DefaultTimeout, Limits.MinTimeout, Limits.MaxTimeout),
            PollInterval: bus.Seconds("poll_interval_s", Limits.DefaultPollInterval, Limits.MinPollInterval, Limits.MaxPollInterval));

        // Which port key matters depends on the mode; it is read (and checked) when the sources are built.
        _ = bus.Find("port");

        // Accepted for compatibility: the serial reader hands over whatever bytes are available.
        _ = bus.Integer("read_chunk", Limits.DefaultSeedReadChunk, 1, 65536);
        return hasMode ? settings : null;
    }

    private static IReadOnlyList<SourceConfig> ReadSources(MappingReader root, BusSettings? bus, int cellCount)
    {
        if (bus is null)
        {
            // The mode is unknown, so only the shape of the packs can be checked.
            _ = PackListReader.Read(root, "packs", required: true, sharedBus: false, SkipPackBusKeys);
            return ConfigList<SourceConfig>.Empty;
        }

        if (bus.Mock)
        {
            // Switching transport to mock is how the seed did a dry run; the ports stay configured
            // for when it is switched back, so they are not worth a warning.
            _ = bus.Reader.String("port");
            if (bus.Mode == SeedMode.ModbusPerPack)
            {
                // One simulated adapter per pack, like the real mapping: addresses may repeat.
                var perPack = PackListReader.Read(root, "packs", required: true, sharedBus: false, (item, pack) =>
                    (SourceConfig)Simulator(bus, new ConfigList<PackConfig>([SkipPackBusKeys(item, pack)]), cellCount));
                return new ConfigList<SourceConfig>(perPack);
            }

            var packs = PackListReader.Read(root, "packs", required: true, sharedBus: true, SkipPackBusKeys);
            return new ConfigList<SourceConfig>([Simulator(bus, packs, cellCount)]);
        }

        return bus.Mode switch
        {
            SeedMode.ModbusPerPack => PerPackSources(root, bus),
            SeedMode.Active => new ConfigList<SourceConfig>([
                new Eg4LegacySourceConfig(
                    Port: NameRules.SerialPort(bus.Reader),
                    Baud: bus.Baud,
                    Timeout: bus.Timeout,
                    PollInterval: bus.PollInterval,
                    InterFrameGap: Limits.DefaultInterFrameGap,
                    CellCount: cellCount,
                    CapturePath: null,
                    Packs: SharedBusPacks(root, "in active mode"))]),
            _ => new ConfigList<SourceConfig>([
                new SnifferSourceConfig(
                    Port: NameRules.SerialPort(bus.Reader),
                    Baud: bus.Baud,
                    CapturePath: null,
                    Packs: SharedBusPacks(root, "in passive mode"))]),
        };
    }

    private static ConfigList<SourceConfig> PerPackSources(MappingReader root, BusSettings bus)
    {
        IgnoreBusPort(bus, "in modbus_per_pack mode (each pack has its own port)");
        var sources = PackListReader.Read(root, "packs", required: true, sharedBus: false, (item, pack) =>
            (SourceConfig)new Eg4ModbusSourceConfig(
                Port: NameRules.SerialPort(item),
                Baud: item.Find("baud") is null ? bus.Baud : item.Baud(),
                Timeout: bus.Timeout,
                PollInterval: bus.PollInterval,
                RegisterCount: Limits.SeedRegisterCount,
                InterFrameGap: Limits.DefaultInterFrameGap,
                CapturePath: null,
                Packs: new ConfigList<PackConfig>([pack])));
        return new ConfigList<SourceConfig>(sources);
    }

    private static IReadOnlyList<PackConfig> SharedBusPacks(MappingReader root, string why) =>
        PackListReader.Read(root, "packs", required: true, sharedBus: true, (item, pack) => IgnorePackBusKeys(item, pack, why));

    private static SimulatorSourceConfig Simulator(BusSettings bus, IReadOnlyList<PackConfig> packs, int cellCount) => new(
        Device: bus.Mode == SeedMode.Active ? "eg4-7e" : "eg4-ll",
        PollInterval: bus.PollInterval,
        RegisterCount: Limits.SeedRegisterCount,
        CellCount: bus.Mode == SeedMode.Active ? cellCount : Limits.DefaultCellCount,
        Packs: packs);

    private static void IgnoreBusPort(BusSettings bus, string why)
    {
        if (bus.Reader.String("port") is { Length: > 0 })
        {
            bus.Reader.Warning("port", $"is ignored {why}");
        }
    }

    private static PackConfig IgnorePackBusKeys(MappingReader item, PackConfig pack, string why)
    {
        foreach (var key in (string[])["port", "baud"])
        {
            if (item.Find(key) is not null)
            {
                item.Warning(key, $"is ignored {why}; the bus settings apply");
            }
        }

        return pack;
    }

    private static PackConfig SkipPackBusKeys(MappingReader item, PackConfig pack)
    {
        _ = item.Find("port");
        _ = item.Find("baud");
        return pack;
    }

    private sealed record BusSettings(MappingReader Reader, SeedMode Mode, bool Mock, int Baud, TimeSpan Timeout, TimeSpan PollInterval);
}
