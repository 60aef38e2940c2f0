using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Serilog;
using Streams.Core;
using Streams.HomeAssistant.Commands;
using Streams.HomeAssistant.Discovery;
using Streams.Mqtt;
using Streams.Sinks;

namespace Streams.HomeAssistant;

/// <summary>
/// The bridge's Home Assistant side: readings and availability into discovery, availability and
/// state messages for an <see cref="IMessageSink"/> (the broker or the console, which print the same
/// messages), and, with a broker, the birth answer, the announcement on every reconnect, the cleanup
/// of stale discovery and the switch commands as a stream (<see cref="Commands"/>).
/// </summary>
/// <remarks>
/// It composes the pieces: <see cref="StatePublisher"/> (states, availability, the device registry),
/// <see cref="DiscoveryAnnouncer"/> (configs, ledger, index), <see cref="BirthResponder"/> and
/// <see cref="SwitchCommandIntake"/>. Their work runs one piece at a time, in the order it arrived,
/// through an <see cref="AsyncLock"/>: no lock is held while a message goes to the sink, and a state
/// decided before another is never published after it. Nothing here throws into the reading
/// pipeline: a failing piece of work is logged, and a failing publish is logged by <see cref="GuardedSink"/>.
/// </remarks>
internal sealed class HomeAssistantPublisher : IReadingSink, IDisposable
{
    private readonly HomeAssistantOptions _options;
    private readonly GuardedSink _sink;
    private readonly IScheduler _scheduler;
    private readonly ILogger _log;
    private readonly IMqttClient? _client;
    private readonly Func<double> _random;
    private readonly AsyncLock _turns = new();
    private readonly CompositeDisposable _cleanupSteps = [];
    private readonly StatePublisher _states;
    private readonly DiscoveryAnnouncer _discovery;
    private readonly IConnectableObservable<SwitchCommand> _commands;
    private readonly IObservable<string> _rejected;
    private int _disposed;

    /// <param name="client">The broker link for birth, reconnect, index and commands; null for the console.</param>
    /// <param name="random">A sample in [0, 1) for the birth delay; <see cref="Random.Shared"/> by default.</param>
    /// <param name="rejected">Topics whose message the broker would not take (too big); a device config among them moves its device to per-entity discovery.</param>
    public HomeAssistantPublisher(HomeAssistantOptions options, IMessageSink sink, IScheduler scheduler, ILogger log, IMqttClient? client = null, Func<double>? random = null, IObservable<string>? rejected = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(log);
        if (options.BirthDelayMin < TimeSpan.Zero || options.BirthDelayMax < options.BirthDelayMin)
        {
            throw new ArgumentException("birth delay must satisfy 0 <= min <= max", nameof(options));
        }

        _options = options;
        _sink = new GuardedSink(sink, log);
        _scheduler = scheduler;
        _log = log;
        _client = client;
        _random = random ?? Random.Shared.NextDouble;
        _rejected = rejected ?? Observable.Never<string>();
        Topics = new BridgeTopics(options.BaseTopic, options.Instance);
        var ids = new DiscoveryIds(options.DiscoveryPrefix, options.BaseTopic);
        var devices = new DeviceRegistry(ids);
        _discovery = new DiscoveryAnnouncer(options, ids, Topics, devices, _sink, log, Later, keepsIndex: client is not null);
        _states = new StatePublisher(devices, _discovery, Topics, _sink);
        _commands = (client?.Messages ?? Observable.Never<MqttApplicationMessage>()).SwitchCommands(Topics, options, _sink, log).Publish();
    }

    /// <summary>The bridge's topics (availability, states, commands).</summary>
    public BridgeTopics Topics { get; }

    /// <summary>
    /// Home Assistant's validated switch commands while a <see cref="Start"/>ed session runs with a
    /// broker (never any on the console). One intake however many subscribe; each subscriber sees the
    /// commands that arrive after it subscribed.
    /// </summary>
    public IObservable<SwitchCommand> Commands => _commands.AsObservable();

    private string StatusTopic => $"{_options.DiscoveryPrefix}/status";

    public void Publish(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        InTurn("reading", () => _states.Publish(reading));
    }

    public void SetAvailability(DeviceInfo device, bool online)
    {
        ArgumentNullException.ThrowIfNull(device);
        InTurn("availability", () => _states.SetAvailability(device, online));
    }

    /// <summary>Completes once the work queued before it (readings, availability, announcements) has been handed to the sink.</summary>
    public Task WhenQueuedWorkDoneAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        InTurn("queued work", () => done.TrySetResult());
        return done.Task;
    }

    /// <summary>
    /// Starts the session. On the console: the bridge <c>online</c> and its discovery, once. With a
    /// broker: subscribes to Home Assistant's status, the discovery indexes and (when a device offers
    /// switches) the command topics; on every connect says <c>online</c>, then the latest states, then
    /// discovery (so one message the broker chokes on never holds up the states); answers births;
    /// settles the index when this bridge's own arrives, or <see cref="HomeAssistantOptions.IndexWait"/>
    /// after the first connect. Disposing it ends the session: on the console with the bridge
    /// <c>offline</c>; with a broker the client says it (once) before it disconnects.
    /// </summary>
    public IDisposable Start()
    {
        if (_client is not { } client)
        {
            InTurn("start", StartSession);
            return Disposable.Create(Stop);
        }

        return new CompositeDisposable(
            client.Messages.Where(m => m.Topic == StatusTopic).Select(m => m.PayloadText)
                .AnswerBirths(_options.BirthDelayMin, _options.BirthDelayMax, _options.StatesAfterDiscovery, _random, _scheduler, _log)
                .Subscribe(answer => InTurn("birth", () => Answer(answer)), Failed("Home Assistant status")),
            client.Messages.Where(m => m.Topic == Topics.LegacyDiscoveryIndex || Topics.IndexInstance(m.Topic) is not null)
                .Subscribe(m => InTurn("discovery index", () => _discovery.LoadIndex(m.Topic, m.PayloadText, m.Retain)), Failed("discovery index")),
            _rejected.Subscribe(topic => InTurn("rejected message", () => _discovery.Rejected(topic)), Failed("rejected messages")),
            _commands.Connect(),
            Subscriptions(client),
            client.Connected.Subscribe(_ => InTurn("connect", StartSession), Failed("MQTT connection")),
            client.Connected.Take(1).SelectMany(_ => Observable.Timer(_options.IndexWait, _scheduler))
                .Subscribe(_ => InTurn("discovery cleanup", _discovery.Settle), Failed("discovery cleanup")),
            Disposable.Create(Stop));
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _cleanupSteps.Dispose();
        _turns.Dispose();
        _sink.Dispose();
    }

    private void StartSession()
    {
        _sink.Publish(new OutboundMessage(Topics.BridgeAvailability, StatePublisher.Online, retain: true));
        _states.RepublishLatest();
        _discovery.AnnounceAll();
    }

    private void Answer(BirthAnswer answer)
    {
        if (answer == BirthAnswer.Discovery)
        {
            _discovery.AnnounceAll();
        }
        else
        {
            _states.RepublishLatest();
        }
    }

    /// <summary>The console's goodbye; with a broker the client's shutdown message is the one <c>offline</c>, acknowledged before DISCONNECT.</summary>
    private void Stop()
    {
        if (_client is null)
        {
            InTurn("stop", () => _sink.Publish(new OutboundMessage(Topics.BridgeAvailability, StatePublisher.Offline, retain: true)));
        }
    }

    /// <summary>SUBSCRIBEs now (the client renews them after every reconnect); a refusal is logged.</summary>
    private IDisposable Subscriptions(IMqttClient client)
    {
        List<(string Filter, MqttQualityOfService Qos)> filters =
        [
            (StatusTopic, MqttQualityOfService.AtMostOnce),
            (Topics.DiscoveryIndexFilter, MqttQualityOfService.AtLeastOnce),
            (Topics.LegacyDiscoveryIndex, MqttQualityOfService.AtLeastOnce),
        ];
        if (_options.AnySwitches)
        {
            filters.Add((Topics.CommandFilter, MqttQualityOfService.AtLeastOnce));
        }

        return filters
            .Select(f => Observable.FromAsync(token => client.SubscribeAsync(f.Filter, f.Qos, token))
                .Catch((Exception e) =>
                {
                    _log.Error(e, "subscribe {Filter} failed", f.Filter);
                    return Observable.Empty<MqttSubscribeReturnCode>();
                }))
            .Merge()
            .Subscribe();
    }

    private void Later(TimeSpan delay, Action step) =>
        _cleanupSteps.Add(_scheduler.Schedule(delay, () => InTurn("discovery cleanup", step)));

    /// <summary>Queues <paramref name="work"/> behind what is running; the caller that finds the turn free runs it, and what queued meanwhile.</summary>
    private void InTurn(string what, Action work) => _turns.Wait(() =>
    {
        try
        {
            work();
        }
        catch (Exception e)
        {
            _log.Error(e, "Home Assistant {What} failed", what);
        }
    });

    private Action<Exception> Failed(string what) => e => _log.Error(e, "{What} stream failed", what);
}
