using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Streams.Composition.Kinds;
using Streams.Config.Model;
using Streams.Devices.Eg4Ll;
using Streams.IntegrationTests.Polling;
using Streams.Polling;
using Streams.Transports.Serial;
using Streams.Transports.Tcp;

namespace Streams.IntegrationTests.Tcp;

/// <summary>
/// The product's EG4-LL poller on a reconnecting <see cref="TcpLink"/>, configured as the <c>eg4-modbus</c>
/// registry entry configures it, on real time, collecting its polls and the link's statuses for a test
/// to wait on. (The whole path, config file to published state, is <see cref="CliOverTcpTests"/>.)
/// </summary>
internal sealed class ConverterPoller : IDisposable
{
    public static readonly ReconnectPolicy FastReconnect = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400));

    private readonly Lock _gate = new();
    private readonly List<LinkStatus> _statuses = [];
    private readonly MemoryStream _heard = new();
    private readonly IDisposable _subscription;

    /// <summary>Polls <paramref name="packs"/> behind <paramref name="endpoint"/> every <paramref name="interval"/>.</summary>
    public ConverterPoller(
        TcpEndpoint endpoint,
        ModbusProtocol protocol,
        TimeSpan interval,
        IReadOnlyList<PackConfig> packs,
        string? capturePath = null,
        TimeSpan? timeout = null)
    {
        var settings = new TcpSettings(endpoint) { ConnectTimeout = TimeSpan.FromSeconds(2) };
        var source = new Eg4ModbusSourceConfig(
            endpoint.ToString(), 9600, timeout ?? TimeSpan.FromMilliseconds(800), interval, Eg4LlRegisterMap.StatusCount, TimeSpan.FromMilliseconds(5), capturePath, [.. packs])
        {
            Protocol = protocol,
        };
        _subscription = SerialLinks.Reconnecting(() => new TappedLink(TcpLink.Connect(settings), Heard), FastReconnect, Scheduler.Default)
            .Do(Record)
            .PollEg4Modbus(
                Eg4ModbusKind.Bus(source),
                Packs.Polled(source.Packs),
                source.RegisterCount,
                source.TemperatureSensors,
                Scheduler.Default,
                new PollerOptions(Serilog.Core.Logger.None) { Counters = Counters },
                Eg4ModbusKind.Wire(source.Protocol))
            .Subscribe(Collector.Add, Collector.Fail);
    }

    public PollCollector Collector { get; } = new();

    public CorrelationCounters Counters { get; } = new();

    public IReadOnlyList<LinkStatus> Statuses
    {
        get
        {
            lock (_gate)
            {
                return [.. _statuses];
            }
        }
    }

    public int Connections => Statuses.Count(s => s is LinkStatus.Connected);

    /// <summary>Every byte the links received so far, as they came off the sockets.</summary>
    public byte[] HeardSoFar()
    {
        lock (_gate)
        {
            return _heard.ToArray();
        }
    }

    public void Dispose() => _subscription.Dispose();

    private void Heard(ReadOnlyMemory<byte> chunk)
    {
        lock (_gate)
        {
            _heard.Write(chunk.Span);
        }
    }

    private void Record(LinkStatus status)
    {
        lock (_gate)
        {
            _statuses.Add(status);
        }
    }

    /// <summary>The link, with a tap on what it receives; owns the link.</summary>
    private sealed class TappedLink(ISerialLink link, Action<ReadOnlyMemory<byte>> tap) : ISerialLink
    {
        public string Path => link.Path;

        public IObservable<ReadOnlyMemory<byte>> Received { get; } = link.Received.Do(tap);

        public void Write(ReadOnlySpan<byte> data) => link.Write(data);

        public void Dispose() => link.Dispose();
    }
}
