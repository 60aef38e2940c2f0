using Streams.Config.Model;
using Streams.Transports.Tcp;

namespace Streams.Config.Loading;

/// <summary>The keys several source kinds share, with one default and range each.</summary>
internal static class SourceFields
{
    private static readonly KeyValuePair<string, ModbusProtocol>[] Protocols =
    [
        new("rtu", ModbusProtocol.Rtu),
        new("modbus-tcp", ModbusProtocol.ModbusTcp),
    ];

    public static TimeSpan Timeout(this MappingReader map, TimeSpan fallback) =>
        map.Duration("timeout", fallback, Limits.MinTimeout, Limits.MaxTimeout);

    public static TimeSpan PollInterval(this MappingReader map) =>
        map.Duration("poll_interval", Limits.DefaultPollInterval, Limits.MinPollInterval, Limits.MaxPollInterval);

    public static TimeSpan InterFrameGap(this MappingReader map) =>
        map.Duration("inter_frame_gap", Limits.DefaultInterFrameGap, TimeSpan.Zero, Limits.MaxInterFrameGap);

    public static int CellCount(this MappingReader map) =>
        map.Integer("cell_count", Limits.DefaultCellCount, Limits.MinCellCount, Limits.MaxCellCount);

    /// <summary>
    /// <c>temperature_sensors</c>: EG4-LL NTC inputs 1..N are sensors, 0..6; null when the key is absent
    /// (then each pack's sensors are told from what it reports).
    /// </summary>
    public static int? TemperatureSensors(this MappingReader map) =>
        map.Find("temperature_sensors") is null ? null : map.RequiredInteger("temperature_sensors", 0, Limits.MaxTemperatureSensors);

    /// <summary>39 (the default) or 47 registers per EG4-LL status poll.</summary>
    public static int RegisterCount(this MappingReader map) =>
        map.OneOf("register_count", Limits.DefaultRegisterCount, Eg4ModbusSourceConfig.SupportedRegisterCounts);

    /// <summary>
    /// <c>protocol: rtu</c> (the default) or <c>modbus-tcp</c>, which needs a Modbus TCP gateway at a
    /// <c>tcp://</c> <paramref name="port"/>.
    /// </summary>
    public static ModbusProtocol Protocol(this MappingReader map, string port)
    {
        var protocol = map.Choice("protocol", ModbusProtocol.Rtu, Protocols);
        if (protocol == ModbusProtocol.ModbusTcp && port.Length > 0 && !TcpEndpoint.IsTcp(port))
        {
            map.Error("protocol", $"modbus-tcp needs a gateway's tcp://host:port; the serial port {ConfigText.Quote(port)} speaks rtu");
        }

        return protocol;
    }

    /// <summary>For a kind that is not Modbus: a <c>protocol</c> key is a mistake worth its own line.</summary>
    public static void NoProtocol(this MappingReader map, string kind)
    {
        if (map.HasKey("protocol"))
        {
            map.Error("protocol", $"{kind} is not Modbus and has no protocol choice; through a network converter it needs the converter's transparent mode (port: tcp://host:port)");
        }
    }
}
