using Streams.Config.Model;
using YamlDotNet.RepresentationModel;

namespace Streams.Config.Loading;

/// <summary>Reads one item of the native <c>sources:</c> list, dispatching on its <c>kind</c>.</summary>
internal static class SourceReader
{
    private static readonly KeyValuePair<string, Func<MappingReader, SourceConfig>>[] Kinds =
    [
        new(Eg4ModbusSourceConfig.KindName, ReadEg4Modbus),
        new(Eg4LegacySourceConfig.KindName, ReadEg4Legacy),
        new(SnifferSourceConfig.KindName, ReadSniffer),
        new(JbdSerialSourceConfig.KindName, ReadJbdSerial),
        new(JbdBleSourceConfig.KindName, ReadJbdBle),
        new(SimulatorSourceConfig.KindName, ReadSimulator),
    ];

    private static readonly KeyValuePair<string, SimulatedDevice>[] Devices =
    [
        new("eg4-ll", SimulatedDevice.Eg4Ll),
        new("eg4-ll-master", SimulatedDevice.Eg4LlMaster),
        new("eg4-7e", SimulatedDevice.Eg47E),
        new("jbd", SimulatedDevice.Jbd),
    ];

    public static SourceConfig? Read(YamlNode node, string path, ConfigContext context)
    {
        if (MappingReader.Open(node, path, context) is not { } map)
        {
            return null;
        }

        if (!map.TryRequiredChoice("kind", Kinds, out var read))
        {
            // Without a kind the other keys mean nothing; flagging each of them would only add noise.
            map.AcceptAllKeys();
            return null;
        }

        var source = read(map);
        map.ReportUnknownKeys();
        return source;
    }

    private static Eg4ModbusSourceConfig ReadEg4Modbus(MappingReader map) => new(
        Port: NameRules.SerialPort(map),
        Baud: map.Baud(),
        Timeout: Timeout(map, Limits.DefaultTimeout),
        PollInterval: PollInterval(map),
        RegisterCount: map.OneOf("register_count", Limits.DefaultRegisterCount, Eg4ModbusSourceConfig.SupportedRegisterCounts),
        InterFrameGap: InterFrameGap(map),
        CapturePath: map.FilePath("capture"),
        Packs: PackListReader.Read(map, "packs", required: true));

    private static Eg4LegacySourceConfig ReadEg4Legacy(MappingReader map) => new(
        Port: NameRules.SerialPort(map),
        Baud: map.Baud(),
        Timeout: Timeout(map, Limits.DefaultTimeout),
        PollInterval: PollInterval(map),
        InterFrameGap: InterFrameGap(map),
        CellCount: CellCount(map),
        CapturePath: map.FilePath("capture"),
        Packs: PackListReader.Read(map, "packs", required: true));

    private static SnifferSourceConfig ReadSniffer(MappingReader map) => new(
        Port: NameRules.SerialPort(map),
        Baud: map.Baud(),
        CapturePath: map.FilePath("capture"),
        Packs: PackListReader.Read(map, "packs", required: false));

    private static JbdSerialSourceConfig ReadJbdSerial(MappingReader map) => new(
        Port: NameRules.SerialPort(map),
        Baud: map.Baud(),
        Name: NameRules.PackName(map),
        Timeout: Timeout(map, Limits.DefaultTimeout),
        PollInterval: PollInterval(map),
        CapturePath: map.FilePath("capture"));

    private static JbdBleSourceConfig ReadJbdBle(MappingReader map)
    {
        var mac = NameRules.BleAddress(map, "mac");
        var name = NameRules.PackName(map);
        var adapter = map.NonEmptyString("adapter") ?? "hci0";
        NameRules.RequireAdapterName(map, "adapter", adapter, map.Find("adapter"));
        var password = map.NonEmptyString("password");
        return new JbdBleSourceConfig(
            Mac: mac,
            Name: name,
            Adapter: adapter,
            Password: password is null ? null : new Secret(password),
            AllowControl: map.Boolean("allow_control", fallback: false),
            Timeout: Timeout(map, Limits.DefaultBleTimeout),
            PollInterval: PollInterval(map));
    }

    private static SimulatorSourceConfig ReadSimulator(MappingReader map)
    {
        _ = map.TryRequiredChoice("device", Devices, out var device);
        return new SimulatorSourceConfig(
            Device: device,
            PollInterval: PollInterval(map),
            RegisterCount: map.OneOf("register_count", Limits.DefaultRegisterCount, Eg4ModbusSourceConfig.SupportedRegisterCounts),
            CellCount: CellCount(map),
            Packs: PackListReader.Read(map, "packs", required: true));
    }

    private static TimeSpan Timeout(MappingReader map, TimeSpan fallback) =>
        map.Duration("timeout", fallback, Limits.MinTimeout, Limits.MaxTimeout);

    private static TimeSpan PollInterval(MappingReader map) =>
        map.Duration("poll_interval", Limits.DefaultPollInterval, Limits.MinPollInterval, Limits.MaxPollInterval);

    private static TimeSpan InterFrameGap(MappingReader map) =>
        map.Duration("inter_frame_gap", Limits.DefaultInterFrameGap, TimeSpan.Zero, Limits.MaxInterFrameGap);

    private static int CellCount(MappingReader map) =>
        map.Integer("cell_count", Limits.DefaultCellCount, Limits.MinCellCount, Limits.MaxCellCount);
}
