using System.Reactive.Concurrency;
using FluentAssertions;
using Streams.Composition;
using Streams.Composition.Kinds;
using Streams.Config.Model;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Modbus;
using Streams.Health;
using Streams.IntegrationTests.Polling;
using Streams.IntegrationTests.Serial;
using Streams.IntegrationTests.Simulation;
using Streams.Transports.Serial;
using Streams.Transports.Tcp;
using Xunit;

namespace Streams.IntegrationTests.Tcp;

/// <summary>
/// The product's sniffer pipeline on a converter tapping a bus someone else polls: the bus traffic is
/// written into a pty, socat carries it to TCP, and the registry's sniffer source (its <c>tcp://</c>
/// port opened as a <see cref="TcpLink"/>) decodes it; a drop mid-frame costs nothing but the frame it cut.
/// </summary>
public sealed class TcpSnifferTests : IDisposable
{
    private static readonly byte[] Query = ModbusReadRequest.Create(1, 0, Eg4LlRegisterMap.StatusCount);
    private static readonly ushort[] Registers = Eg4LlRegisterEncoder.EncodeStatus(KnownPack.Status, Eg4LlRegisterMap.StatusCount);
    private static readonly byte[] Response = ModbusResponses.Registers(1, Registers);

    private readonly string _directory = Directory.CreateTempSubdirectory("streams-tcp-sniff-").FullName;
    private readonly PseudoTerminal _bus = PseudoTerminal.Open();
    private readonly CancellationTokenSource _stop = new();

    public void Dispose()
    {
        _stop.Cancel();
        _bus.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Sniffs_a_polled_bus_through_a_converter_and_survives_a_drop_mid_frame()
    {
        var capture = Path.Combine(_directory, "sniffed.bin");
        var converter = await SocatConverter.OnDeviceAsync(_bus.DevicePath);
        var context = new SourceContext(Scheduler.Default, Serilog.Core.Logger.None, new HealthConfig(2, TimeSpan.FromHours(1)))
        {
            Open = settings => throw new InvalidOperationException($"{settings.Path} is no serial port"),
            Reconnect = ConverterPoller.FastReconnect,
        };
        var collector = new PollCollector();
        var source = new SnifferSourceConfig(converter.Endpoint.ToString(), 9600, capture, [new("a", 1)]);
        using var sniffing = SourceKinds.For(source).Polls(source, context).Subscribe(collector.Add, collector.Fail);
        var traffic = Task.Run(() => PollTheBusAsync(_stop.Token));
        try
        {
            await Bounded.Until(() => collector.Successes("a") >= 2, "two sniffed readings over TCP");
            var expected = Eg4LlReadings.ToFields(KnownPack.Status with { Registers = Registers });
            collector.Polls[0].Reading!.Fields.Should().Equal(expected);

            _stop.Cancel();
            await traffic;
            _bus.Master.Write([.. Query, .. Response[..40]]);
            await Bounded.Until(() => File.Exists(capture) && SharedFile.ReadAll(capture).AsSpan().EndsWith(Response[..40]), "the half response to reach the sniffer");
            var beforeDrop = collector.Polls.Count;
            converter.Dispose();
            converter = await converter.RestartAsync();
            using var resumed = new CancellationTokenSource();
            var more = Task.Run(() => PollTheBusAsync(resumed.Token));
            await Bounded.Until(() => collector.Polls.Count >= beforeDrop + 2, "sniffing resumed on the new connection");
            await resumed.CancelAsync();
            await more;

            collector.Error.Should().BeNull();
            collector.Polls.Should().OnlyContain(p => p.Device.Name == "a" && p.Outcome.Succeeded);
            collector.Polls.Should().AllSatisfy(p => p.Reading!.Fields.Should().Equal(expected));
        }
        finally
        {
            converter.Dispose();
        }
    }

    /// <summary>Another master's poll, as the tap hears it: query, reply, every 100 ms.</summary>
    private async Task PollTheBusAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            _bus.Master.Write([.. Query, .. Response]);
            try
            {
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
