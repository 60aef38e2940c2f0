namespace Streams.Config.Model;

/// <summary>
/// <c>kind: eg4-modbus</c>: EG4 LifePower4 v2 / EG4-LL packs polled over Modbus RTU (fn 0x03 from
/// register 0) on one serial port, or through a network converter (<c>tcp://host:port</c>). One pack
/// means one adapter per pack; several packs share the bus and are polled in turn.
/// </summary>
/// <param name="Port">Serial device path, e.g. <c>/dev/ttyUSB0</c>, or a converter's <c>tcp://host:port</c>.</param>
/// <param name="Baud">One of <see cref="SerialBaud.Supported"/>; default 9600; unused on a <c>tcp://</c> port.</param>
/// <param name="Timeout">How long to wait for one reply; default 1.5 s.</param>
/// <param name="PollInterval">Target period of one full round over the packs; default 10 s.</param>
/// <param name="RegisterCount">Registers read per poll: 39 (every open implementation, the default) or
/// 47 (what the seed reads).</param>
/// <param name="InterFrameGap">Silence kept on the line between a reply and the next request; default 5 ms.</param>
/// <param name="CapturePath">When set, every raw byte read is appended to this file (absolute path).</param>
/// <param name="Packs">The packs on this bus, at least one.</param>
internal sealed record Eg4ModbusSourceConfig(
    string Port,
    int Baud,
    TimeSpan Timeout,
    TimeSpan PollInterval,
    int RegisterCount,
    TimeSpan InterFrameGap,
    string? CapturePath,
    IReadOnlyList<PackConfig> Packs) : SourceConfig
{
    /// <summary>The YAML kind name.</summary>
    public const string KindName = "eg4-modbus";

    /// <summary><c>rtu</c> (the default) or <c>modbus-tcp</c> for a Modbus TCP gateway at a <c>tcp://</c> port.</summary>
    public ModbusProtocol Protocol { get; init; } = ModbusProtocol.Rtu;

    /// <summary>The register counts a poll may read.</summary>
    public static IReadOnlyList<int> SupportedRegisterCounts { get; } = [39, 47];

    public override string Kind => KindName;

    /// <summary>
    /// <c>temperature_sensors</c>: the pack's NTC inputs 1..N are fitted with sensors (0..6), or null
    /// (the default): each pack's sensors are told from what it reports, an input that has only ever
    /// read 0 °C counting as empty.
    /// </summary>
    public int? TemperatureSensors { get; init; }
}
