using Serilog;
using Serilog.Core;
using Serilog.Events;
using Streams.Core;
using Streams.Polling;
using Streams.Testing.Marbles;
using Streams.Transports.Serial;

namespace Streams.Tests.Polling;

/// <summary>A poller run in virtual time against one <see cref="ScriptedPort"/>, collecting polls and log lines.</summary>
internal sealed class PollRun : IDisposable, ILogEventSink
{
    private IDisposable? _subscription;

    public PollRun(string path = "/dev/ttyFAKE0")
    {
        Port = new ScriptedPort(Scheduler, path);
        Log = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();
    }

    public MarbleScheduler Scheduler { get; } = new(TimeSpan.FromMilliseconds(1));

    public ScriptedPort Port { get; }

    public ILogger Log { get; }

    public List<string> LogLines { get; } = [];

    public List<PackPoll> Polls { get; } = [];

    public Exception? Error { get; private set; }

    public CorrelationCounters Counters { get; } = new();

    public PollerOptions Options => new(Log) { Counters = Counters };

    public TimeSpan Elapsed => Scheduler.Now - MarbleScheduler.Epoch;

    public IObservable<LinkStatus> Link(ReconnectPolicy? policy = null) =>
        SerialLinks.Reconnecting(Port.Open, policy ?? ReconnectPolicy.Default, Scheduler);

    public PollRun Start(IObservable<PackPoll> polls)
    {
        _subscription = polls.Subscribe(Polls.Add, error => Error = error);
        Scheduler.AdvanceToFrame(0);
        return this;
    }

    public void Advance(TimeSpan by) => Scheduler.AdvanceBy(by.Ticks);

    public void Stop() => _subscription?.Dispose();

    public void Dispose() => Stop();

    public void Emit(LogEvent logEvent) => LogLines.Add(logEvent.RenderMessage());

    /// <summary>The number a reading holds for <paramref name="spec"/>.</summary>
    public static double? Number(Reading reading, FieldSpec spec) =>
        reading.Fields.Single(field => field.Spec == spec).Number;
}
