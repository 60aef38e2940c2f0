using System.Buffers.Binary;
using System.Reactive.Concurrency;
using System.Text;
using Streams.Simulation;

namespace Streams.Devices.Jbd;

/// <summary>
/// A JBD / Xiaoxiang BMS on its UART (docs/protocols.md §4): answers reads of 0x03 (basic info),
/// 0x04 (cell voltages), 0x05 (model) and 0xAA (error counts: <see cref="ErrorCountsRaw"/>), acknowledges factory mode enter/exit, and obeys MOSFET
/// control writes (0xE1): a disabled charge MOSFET stops charging, a disabled discharge MOSFET stops
/// discharging, and basic info reports the switches. Any other register gets an error reply
/// (status 0x80); malformed frames and responses get nothing.
/// </summary>
internal sealed class SimulatedJbdBms : ISimulatedDevice
{
    public const string Model = "JBD-SP16S020-SIM";

    /// <summary>Status byte of a rejected request.</summary>
    public const byte StatusError = 0x80;

    /// <summary>2024-03-15, packed as (year − 2000) &lt;&lt; 9 | month &lt;&lt; 5 | day.</summary>
    public const ushort ProductionDateRaw = (24 << 9) | (3 << 5) | 15;

    /// <summary>Version 1.0 as two nibbles.</summary>
    public const byte SoftwareVersionRaw = 0x10;

    /// <summary>The 0xAA counters it reports: one short circuit, two cell undervoltages, one restart.</summary>
    public static readonly ushort[] ErrorCountsRaw = [1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 1];

    private const int KelvinOffsetTenths = 2731;
    private static readonly byte[] FactoryModeKey = [0x56, 0x78];

    private readonly Lock _gate = new();
    private readonly IScheduler _clock;
    private readonly SimulatedPack _pack;
    private bool _factoryMode;

    /// <param name="cellCount">Cells, 1..32.</param>
    /// <param name="clock">Whose <see cref="IScheduler.Now"/> drives the drift.</param>
    /// <param name="seed">Starting state and drift.</param>
    public SimulatedJbdBms(int cellCount, IScheduler clock, int seed)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        _pack = new SimulatedPack(cellCount, seed);
    }

    public SimulatedProtocol Protocol => JbdSimulation.Protocol;

    /// <summary>Always 1: the protocol carries no address.</summary>
    public byte Address => 1;

    /// <summary>True between an "enter factory mode" write and the matching exit.</summary>
    public bool InFactoryMode
    {
        get
        {
            lock (_gate)
            {
                return _factoryMode;
            }
        }
    }

    public bool ChargeMosfetOn
    {
        get
        {
            lock (_gate)
            {
                return _pack.ChargeEnabled;
            }
        }
    }

    public bool DischargeMosfetOn
    {
        get
        {
            lock (_gate)
            {
                return _pack.DischargeEnabled;
            }
        }
    }

    public byte[]? Answer(ReadOnlySpan<byte> request)
    {
        // A reply echoing A5 or 5A would read as a request on the wire: real BMSs have no such register.
        if (!JbdDecoder.DecodeRequest(request).TryGetValue(out var decoded, out _)
            || decoded.Register is JbdLayout.ReadMarker or JbdLayout.WriteMarker)
        {
            return null;
        }

        lock (_gate)
        {
            _pack.AdvanceTo(_clock.Now);
            return decoded.IsWrite ? Write(decoded.Register, decoded.Data) : Read(decoded.Register);
        }
    }

    private byte[] Read(byte register) => register switch
    {
        JbdRegister.BasicInfo => Ok(register, BasicInfo()),
        JbdRegister.CellVoltages => Ok(register, CellVoltages()),
        JbdRegister.HardwareVersion => Ok(register, Encoding.ASCII.GetBytes(Model)),
        JbdRegister.ErrorCounts => Ok(register, BigEndian(ErrorCountsRaw)),
        _ => Error(register),
    };

    private byte[] Write(byte register, IReadOnlyList<byte> data)
    {
        switch (register)
        {
            case JbdRegister.EnterFactoryMode when data.SequenceEqual(FactoryModeKey):
                _factoryMode = true;
                return Ok(register, []);
            case JbdRegister.ExitFactoryMode when data.Count == 2:
                _factoryMode = false;
                return Ok(register, []);
            case JbdRegister.MosfetControl when data.Count == 2 && data[0] == 0 && data[1] <= 0x03:
                // A set bit disables: bit 0 the charge MOSFET, bit 1 the discharge MOSFET.
                _pack.ChargeEnabled = (data[1] & 0x01) == 0;
                _pack.DischargeEnabled = (data[1] & 0x02) == 0;
                return Ok(register, []);
            default:
                return Error(register);
        }
    }

    private byte[] BasicInfo()
    {
        var cells = _pack.CellMillivolts();
        var balancing = _pack.BalancingBits(cells);
        var sensors = _pack.SensorTemperatures();
        short[] ntcs = [sensors[0], sensors[1], (short)Math.Round(_pack.PcbTemperature)];
        var payload = new byte[23 + (2 * ntcs.Length)];
        var span = payload.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(span[0..], (ushort)Math.Round(cells.Sum(mv => mv) / 10.0));
        BinaryPrimitives.WriteInt16BigEndian(span[2..], (short)Math.Round(_pack.Current * 100));
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], (ushort)Math.Round(_pack.RemainingAh * 100));
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)(SimulatedPack.CapacityAh * 100));
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], (ushort)_pack.Cycles);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], ProductionDateRaw);
        BinaryPrimitives.WriteUInt16BigEndian(span[12..], (ushort)balancing);
        BinaryPrimitives.WriteUInt16BigEndian(span[14..], (ushort)(balancing >> 16));
        BinaryPrimitives.WriteUInt16BigEndian(span[16..], 0);
        payload[18] = SoftwareVersionRaw;
        payload[19] = (byte)Math.Round(_pack.StateOfCharge);
        payload[20] = (byte)((_pack.ChargeEnabled ? 0x01 : 0) | (_pack.DischargeEnabled ? 0x02 : 0));
        payload[21] = (byte)cells.Length;
        payload[22] = (byte)ntcs.Length;
        for (var i = 0; i < ntcs.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span[(23 + (2 * i))..], (ushort)((ntcs[i] * 10) + KelvinOffsetTenths));
        }

        return payload;
    }

    private byte[] CellVoltages() => BigEndian(_pack.CellMillivolts());

    private static byte[] BigEndian(ReadOnlySpan<ushort> values)
    {
        var payload = new byte[2 * values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(2 * i), values[i]);
        }

        return payload;
    }

    // A response is DD reg status len data chk 77: the envelope of a request with the register echo
    // where the request has its marker and the status where it has the register.
    private static byte[] Ok(byte register, ReadOnlySpan<byte> data) => JbdLayout.Build(register, JbdResponse.StatusOk, data);

    private static byte[] Error(byte register) => JbdLayout.Build(register, StatusError, []);
}
