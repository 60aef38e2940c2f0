using System.Buffers.Binary;
using System.Reactive.Concurrency;
using FluentAssertions;
using Streams.Composition;
using Streams.Core;
using Streams.Devices.Modbus;
using Streams.Sinks;
using Streams.Tests.Config;
using Streams.Tests.Support;
using Streams.Transports.Capture;
using Xunit;

namespace Streams.Tests.Composition;

/// <summary>A replay decodes on its reader thread and publishes on another: every reading still arrives, once, in the file's order.</summary>
public sealed class ReplayRunTests : IDisposable
{
    private const int Reads = 600;
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Readings_published_on_a_second_thread_arrive_all_and_in_order_with_each_acknowledged_after_it()
    {
        var capture = Capture();
        var config = ConfigAssertions.ShouldLoad("sources:\n  - kind: sniffer\n    port: /dev/ttyFAKE0\n    packs: [{name: pack1, address: 1}]\n");
        var sink = new RecordingSink();
        using var publisher = new EventLoopScheduler(start => new Thread(start) { Name = "test publisher", IsBackground = true });

        var summary = await ReplayRun.RunAsync(
            ReplayFile.Open(capture), config, sink, Serilog.Core.Logger.None, null, NewThreadScheduler.Default, publisher, ImmediateScheduler.Instance,
            CancellationToken.None, _ => sink.Acknowledge());

        summary.Packs.Should().Equal("pack1");
        sink.Marks.Should().Equal(Enumerable.Range(0, Reads), "every read, once, in the file's order");
        sink.Threads.Should().Equal(["test publisher"], "the sink is only ever called on the publishing thread");
        sink.Acknowledged.Should().Equal(sink.Marks, "each reading is followed by its acknowledgement before the next is published");
    }

    /// <summary>Reads of pack 1, each reply's register 38 holding the read's number.</summary>
    private string Capture()
    {
        var path = _dir.File("marked.bin");
        using var file = File.Create(path);
        for (var read = 0; read < Reads; read++)
        {
            file.Write(ModbusReadRequest.Create(1, 0, 39));
            var reply = new byte[ModbusRtuLayout.ResponseOverhead + 78];
            reply[0] = 1;
            reply[1] = ModbusRtuLayout.ReadHoldingRegisters;
            reply[2] = 78;
            BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(3 + 76), (ushort)read);
            ModbusCrc16.Write(reply.AsSpan(0, reply.Length - 2), reply.AsSpan(reply.Length - 2));
            file.Write(reply);
        }

        return path;
    }

    private sealed class RecordingSink : IReadingSink
    {
        private readonly HashSet<string> _threads = [];

        public List<int> Marks { get; } = [];

        public List<int> Acknowledged { get; } = [];

        public IReadOnlyCollection<string> Threads => _threads;

        public void Publish(Reading reading)
        {
            _threads.Add(Thread.CurrentThread.Name ?? "unnamed");
            var mark = reading.Fields.Single(f => f.Spec.Key == "register_38").Number;
            Marks.Add((int)mark!.Value);
        }

        public void SetAvailability(DeviceInfo device, bool online)
        {
        }

        public void Acknowledge()
        {
            _threads.Add(Thread.CurrentThread.Name ?? "unnamed");
            Acknowledged.Add(Marks[^1]);
        }
    }
}
