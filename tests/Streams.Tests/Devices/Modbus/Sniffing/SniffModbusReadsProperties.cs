using FsCheck;
using FsCheck.Fluent;
using Streams.Devices.Modbus;
using Streams.Devices.Modbus.Sniffing;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices.Modbus.Sniffing;

/// <summary>Framing and pairing, the sniffer's first two steps, on any cutting of real polling rounds.</summary>
public sealed class SniffModbusReadsProperties
{
    private static Gen<(byte Address, ushort Start, ushort[] Registers)> AnyRead { get; } =
        Gen.Choose(1, 247).SelectMany(address => Gen.Choose(1, 125).SelectMany(count =>
            Gen.Choose(0, 0x10000 - count).SelectMany(start => Gen.Choose(0, 0xFFFF).Select(r => (ushort)r).ArrayOf(count)
                .Select(registers => ((byte)address, (ushort)start, registers)))));

    [Fact]
    public void Polling_rounds_cut_anywhere_come_out_as_the_reads_that_were_made()
    {
        var rounds = AnyRead.ArrayOf().Select(reads => reads.Take(12).ToArray());

        Check.One(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(rounds.ToArb(), Generators.Cuts(3500).ToArb(), (reads, cuts) =>
        {
            var bus = reads.SelectMany(r => ModbusFrames.Query(r.Address, r.Start, (ushort)r.Registers.Length)
                .Concat(ModbusFrames.Response(r.Address, r.Registers))).ToArray();
            var counters = new SnifferCounters();

            var observed = Observed<PairedRead>.Of(Chunks.CutAt(bus, cuts).ToObservable().FrameModbusRtu(counters.Framing).PairReads(counters));

            return observed.Completed
                && observed.Items.Count == reads.Length
                && observed.Items.Zip(reads).All(p =>
                    p.First.Address == p.Second.Address
                    && p.First.StartRegister == p.Second.Start
                    && p.First.Registers.SequenceEqual(p.Second.Registers))
                && counters.Snapshot() == new SnifferStatistics(reads.Length, reads.Length, reads.Length, 0, 0, 0, 0, 0, 0);
        }));
    }
}
