using System.Buffers.Binary;
using System.Reactive.Concurrency;
using System.Text;
using Streams.Simulation;

namespace Streams.Devices.Eg4Legacy;

/// <summary>
/// A legacy EG4 LifePower (v1) pack speaking "7E … 0D" (docs/protocols.md §3). Answers a general
/// status request (0x01) with the ten groups in the layout of a real reply (vector eg4lp-7e-readme:
/// 16 cells, 6 temperatures, 5 alarm words, 88-byte body), and the firmware (0x33) and hardware
/// (0x42) requests with ASCII text. Other addresses and commands get no answer.
/// </summary>
/// <remarks>
/// Real packs set flag bits above bit 13 in cell words (a decoder that masks with 0x7FFF shows
/// 19.7 V "cells"); this pack sets 0x4000 on the cells it balances, so only the 0x3FFF mask gives
/// millivolts. Temperature words carry flags in their high byte as on the real reply. The reply
/// checksum algorithm is unknown, so the checksum byte is 0x00, as the seed's mock sent.
/// </remarks>
internal sealed class SimulatedEg47EPack : ISimulatedDevice
{
    public const string FirmwareText = "V1.3-SIM";
    public const string HardwareText = "LP-48V100Ah-SIM";

    /// <summary>Set on a balancing cell's word; not part of the millivolts.</summary>
    public const ushort CellFlag = 0x4000;

    private const ushort ChargingBit = 0x0001;
    private const ushort DischargingBit = 0x0002;

    private readonly Lock _gate = new();
    private readonly IScheduler _clock;
    private readonly SimulatedPack _pack;

    /// <param name="address">The 7E protocol address.</param>
    /// <param name="cellCount">Cells, 1..16.</param>
    /// <param name="clock">Whose <see cref="IScheduler.Now"/> drives the drift.</param>
    /// <param name="seed">Starting state and drift.</param>
    public SimulatedEg47EPack(byte address, int cellCount, IScheduler clock, int seed)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cellCount, Eg4LegacyLayout.MaxCells);
        Address = address;
        _clock = clock;
        _pack = new SimulatedPack(cellCount, seed);
    }

    public SimulatedProtocol Protocol => Eg4LegacySimulation.Protocol;

    public byte Address { get; }

    public byte[]? Answer(ReadOnlySpan<byte> request)
    {
        if (!Eg4LegacyFrame.TryParse(request, out var frame) || frame.Kind != Eg4LegacyFrameKind.Request || frame.Address != Address)
        {
            return null;
        }

        return (Eg4LegacyCommand)frame.Command switch
        {
            Eg4LegacyCommand.GeneralStatus => Reply(Eg4LegacyCommand.GeneralStatus, GeneralStatusBody()),
            Eg4LegacyCommand.FirmwareVersion => Reply(Eg4LegacyCommand.FirmwareVersion, Encoding.ASCII.GetBytes(FirmwareText)),
            Eg4LegacyCommand.HardwareVersion => Reply(Eg4LegacyCommand.HardwareVersion, Encoding.ASCII.GetBytes(HardwareText)),
            _ => null,
        };
    }

    private byte[] GeneralStatusBody()
    {
        lock (_gate)
        {
            _pack.AdvanceTo(_clock.Now);
            var millivolts = _pack.CellMillivolts();
            var balancing = _pack.BalancingBits(millivolts);
            var cells = new ushort[millivolts.Length];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = (ushort)(millivolts[i] | ((balancing & (1u << i)) != 0 ? CellFlag : 0));
            }

            var sensors = _pack.SensorTemperatures();
            var board = (short)Math.Round(_pack.PcbTemperature);
            var current = Math.Round(_pack.Current, 2);
            var state = (ushort)(current > 0.5 ? ChargingBit : current < -0.5 ? DischargingBit : 0);
            return Groups(
                cells,
                [(ushort)(Eg4LegacyLayout.CurrentOffset - (int)Math.Round(current * 100))],
                [(ushort)Math.Round(_pack.StateOfCharge * 100)],
                [(ushort)(SimulatedPack.CapacityAh * 100)],
                [
                    Temperature(sensors[0]), Temperature(sensors[1]), Temperature(sensors[2]), Temperature(sensors[3]),
                    (ushort)(0x8000 | Temperature(board)), (ushort)(0x2000 | Temperature(sensors[0])),
                ],
                [0, state, 0, 0, 0],
                [(ushort)_pack.Cycles],
                [(ushort)Math.Round(millivolts.Sum(mv => mv) / 10.0)],
                [10000],
                [0]);
        }
    }

    private static ushort Temperature(short celsius) => (ushort)((celsius + Eg4LegacyLayout.TemperatureOffset) & 0xFF);

    private static byte[] Groups(params ushort[][] groups)
    {
        var body = new byte[groups.Sum(g => Eg4LegacyLayout.GroupHeaderLength + (2 * g.Length))];
        var position = 0;
        for (var i = 0; i < groups.Length; i++)
        {
            body[position++] = (byte)(i + 1);
            body[position++] = (byte)groups[i].Length;
            foreach (var word in groups[i])
            {
                BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(position), word);
                position += 2;
            }
        }

        return body;
    }

    private byte[] Reply(Eg4LegacyCommand command, ReadOnlySpan<byte> body)
    {
        var frame = new byte[Eg4LegacyLayout.Overhead + body.Length];
        frame[0] = Eg4LegacyLayout.Start;
        frame[1] = Address;
        frame[2] = (byte)command;
        frame[3] = (byte)body.Length;
        body.CopyTo(frame.AsSpan(4));
        frame[^2] = 0x00;
        frame[^1] = Eg4LegacyLayout.End;
        return frame;
    }
}
