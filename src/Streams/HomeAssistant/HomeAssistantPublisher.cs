using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using Serilog;
using Streams.Config;
using Streams.Mqtt;
using Streams.Readings;
using Streams.Sinks;

namespace Streams.HomeAssistant;

/// <summary>
/// The bridge's Home Assistant side: turns readings and availability into discovery, availability and
/// state messages for an <see cref="IMessageSink"/> (the broker or the console, which print the same
/// messages), and, with a broker, answers Home Assistant's birth, re-announces on every reconnect,
/// clears stale discovery and carries switch commands to <see cref="IDeviceCommands"/>.
/// </summary>
/// <remarks>
/// Life cycle: a device's discovery is published the first time it reports, and again when its
/// identity (manufacturer, model, firmware, serial) changes or a field appears that was not announced;
/// then its availability and state. On every (re)connect: bridge <c>online</c>, all discovery, all
/// availability, the latest states. On <c>&lt;prefix&gt;/status</c> = <c>online</c>: all discovery after
/// a random delay in [<see cref="HomeAssistantOptions.BirthDelayMin"/>, <see cref="HomeAssistantOptions.BirthDelayMax"/>],
/// the latest states <see cref="HomeAssistantOptions.StatesAfterDiscovery"/> later. Nothing here throws
/// into the reading pipeline: failures are logged.
/// </remarks>
public sealed class HomeAssistantPublisher : IReadingSink, IDisposable
{
    private const string Online = "online";
    private const string Offline = "offline";

    private readonly HomeAssistantOptions _options;
    private readonly IMessageSink _sink;
    private readonly IScheduler _scheduler;
    private readonly ILogger _log;
    private readonly IMqttClient? _client;
    private readonly IDeviceCommands? _commands;
    private readonly Func<double> _random;
    private readonly BridgeTopics _topics;
    private readonly DiscoveryIds _ids;
    private readonly DiscoveryPayloads _payloads;
    private readonly DiscoveryLedger _ledger;
    private readonly object _gate = new();
    private readonly Dictionary<string, DeviceEntry> _devices = new(StringComparer.Ordinal);
    private readonly SerialDisposable _birth = new();
    private readonly CompositeDisposable _timers = [];
    private readonly SemaphoreSlim _commandGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private bool _indexWaitStarted;
    private string? _lastIndex;
    private bool _disposed;

    /// <param name="client">The broker link for birth, reconnect, index and command handling; null for the console.</param>
    /// <param name="commands">Where switch commands go; null means commands are refused (logged).</param>
    /// <param name="random">A sample in [0, 1) for the birth delay; <see cref="Random.Shared"/> by default.</param>
    public HomeAssistantPublisher(
        HomeAssistantOptions options,
        IMessageSink sink,
        IScheduler scheduler,
        ILogger log,
        IMqttClient? client = null,
        IDeviceCommands? commands = null,
        Func<double>? random = null)
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
        _sink = sink;
        _scheduler = scheduler;
        _log = log;
        _client = client;
        _commands = commands;
        _random = random ?? Random.Shared.NextDouble;
        _topics = new BridgeTopics(options.BaseTopic);
        _ids = new DiscoveryIds(options.DiscoveryPrefix, options.BaseTopic);
        _payloads = new DiscoveryPayloads(_ids, options);
        _ledger = new DiscoveryLedger(_ids);
    }

    /// <summary>The bridge's topics (availability, states, commands).</summary>
    public BridgeTopics Topics => _topics;

    /// <summary>Console mode: messages go to <paramref name="console"/>; no birth, reconnect or commands.</summary>
    public static HomeAssistantPublisher ForConsole(StreamsConfig config, IMessageSink console, IScheduler scheduler, ILogger log) =>
        new(HomeAssistantOptions.From(config), console, scheduler, log);

    /// <summary>
    /// Broker mode over <paramref name="client"/> (built with <see cref="BridgeMqttClientOptions.Create"/>):
    /// messages go through an <see cref="MqttMessageSink"/>, which is disposed with the publisher.
    /// </summary>
    public static HomeAssistantPublisher ForBroker(StreamsConfig config, IMqttClient client, IScheduler scheduler, ILogger log, IDeviceCommands? commands = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var sink = new MqttMessageSink(client, log);
        return new HomeAssistantPublisher(HomeAssistantOptions.From(config), sink, scheduler, log, client, commands);
    }

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> fires: with a broker, subscribes to Home
    /// Assistant's status, the discovery index and the command topics and announces on every connect;
    /// on the console, announces once. On the way out publishes the bridge <c>offline</c>.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var subscriptions = new CompositeDisposable();
        if (_client is null)
        {
            StartSession();
        }
        else
        {
            subscriptions.Add(_client.Messages.Subscribe(OnMessage, e => _log.Error(e, "MQTT message stream failed")));
            Subscribe(_client, $"{_options.DiscoveryPrefix}/status", MqttQualityOfService.AtMostOnce);
            Subscribe(_client, _topics.DiscoveryIndex, MqttQualityOfService.AtLeastOnce);
            if (_options.Devices.Values.Any(d => d.AllowControl))
            {
                Subscribe(_client, _topics.CommandFilter, MqttQualityOfService.AtLeastOnce);
            }

            subscriptions.Add(_client.Connected.Subscribe(_ => Guard("connect", StartSession), e => _log.Error(e, "MQTT connection stream failed")));
        }

        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => stopped.TrySetResult()))
        {
            await stopped.Task.ConfigureAwait(false);
        }

        _stopping.Cancel();
        Send(_topics.BridgeAvailability, Offline, retain: true);
    }

    public void Publish(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        Guard("reading", () =>
        {
            lock (_gate)
            {
                var entry = Entry(reading.Device.Name, reading.Device);
                var changed = entry.Merge(reading);
                if (changed || !entry.Announced)
                {
                    AnnounceDevice(entry);
                }

                if (entry.Online != true)
                {
                    entry.Online = true;
                    Send(_topics.Availability(entry.Name), Online, retain: true);
                }

                entry.State = StatePayload.Build(reading, entry.Fields);
                Send(_topics.State(entry.Name), entry.State, retain: true);
            }
        });
    }

    public void SetAvailability(DeviceInfo device, bool online)
    {
        ArgumentNullException.ThrowIfNull(device);
        Guard("availability", () =>
        {
            lock (_gate)
            {
                var entry = Entry(device.Name, device);
                if (entry.Online == online)
                {
                    // A first reading already said "online"; the retained message stands.
                    return;
                }

                entry.Online = online;
                Send(_topics.Availability(entry.Name), online ? Online : Offline, retain: true);
            }
        });
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _stopping.Cancel();
        _birth.Dispose();
        _timers.Dispose();
        (_sink as IDisposable)?.Dispose();
    }

    private void StartSession()
    {
        lock (_gate)
        {
            Send(_topics.BridgeAvailability, Online, retain: true);
            AnnounceBridge();
            foreach (var entry in _devices.Values)
            {
                if (entry.Fields.Count > 0)
                {
                    AnnounceDevice(entry);
                }
            }

            RepublishStates();
            if (_client is not null && !_indexWaitStarted)
            {
                _indexWaitStarted = true;
                _timers.Add(_scheduler.Schedule(_options.IndexWait, () => Guard("discovery cleanup", SettleIndex)));
            }
        }
    }

    private void OnMessage(MqttApplicationMessage message)
    {
        Guard("incoming message", () =>
        {
            if (message.Topic == $"{_options.DiscoveryPrefix}/status")
            {
                OnHomeAssistantStatus(message.PayloadText.Trim());
            }
            else if (message.Topic == _topics.DiscoveryIndex)
            {
                OnIndex(message);
            }
            else if (_topics.ParseCommand(message.Topic) is { } command)
            {
                OnCommand(message, command.Device, command.Key);
            }
        });
    }

    private void OnHomeAssistantStatus(string status)
    {
        if (status != Online)
        {
            return;
        }

        var span = _options.BirthDelayMax - _options.BirthDelayMin;
        var delay = _options.BirthDelayMin + TimeSpan.FromTicks((long)(span.Ticks * Math.Clamp(_random(), 0, 1)));
        _log.Information("Home Assistant is online: discovery again in {Delay:0.0} s", delay.TotalSeconds);
        _birth.Disposable = _scheduler.Schedule(delay, () => Guard("birth", () =>
        {
            lock (_gate)
            {
                AnnounceBridge();
                foreach (var entry in _devices.Values.Where(e => e.Fields.Count > 0))
                {
                    AnnounceDevice(entry);
                }
            }

            _birth.Disposable = _scheduler.Schedule(_options.StatesAfterDiscovery, () => Guard("birth states", () =>
            {
                lock (_gate)
                {
                    RepublishStates();
                }
            }));
        }));
    }

    private void OnIndex(MqttApplicationMessage message)
    {
        lock (_gate)
        {
            if (_ledger.Settled || !message.Retain)
            {
                return;
            }

            if (!_ledger.Load(message.PayloadText))
            {
                _log.Warning("ignoring {Topic}: not a discovery index", message.Topic);
            }
        }
    }

    private void SettleIndex()
    {
        lock (_gate)
        {
            var orphans = _ledger.Settle(IsKnownNode);
            foreach (var topic in orphans)
            {
                _log.Information("clearing discovery {Topic}: its device is no longer configured", topic);
                Send(topic, string.Empty, retain: true);
            }

            Reconcile(_ids.BridgeNode, BridgeConfigs, () => AnnounceBridge());
            foreach (var entry in _devices.Values.Where(e => e.Announced))
            {
                Reconcile(entry.Node, () => DeviceConfigs(entry), () => AnnounceDevice(entry));
            }

            PublishIndex();
        }
    }

    private bool IsKnownNode(string node) =>
        node == _ids.BridgeNode
        || _options.Devices.Keys.Any(name => _ids.Node(name) == node)
        || _devices.Values.Any(e => e.Node == node);

    private void AnnounceBridge()
    {
        foreach (var config in BridgeConfigs())
        {
            Send(config.Topic, config.Payload, retain: true);
            _ledger.Record(config);
        }
    }

    private IReadOnlyList<DiscoveryConfig> BridgeConfigs() =>
        _payloads.Build(_options.Mode, BridgeDiscovery.Device(_ids, _options), null, [], [BridgeDiscovery.Connectivity(_ids, _topics)]);

    private void AnnounceDevice(DeviceEntry entry)
    {
        var configs = DeviceConfigs(entry);
        foreach (var config in configs)
        {
            Send(config.Topic, config.Payload, retain: true);
            _ledger.Record(config);
        }

        var first = !entry.Announced;
        entry.Announced = true;
        if (_ledger.Settled)
        {
            if (first)
            {
                Reconcile(entry.Node, () => DeviceConfigs(entry), () => AnnounceDevice(entry));
            }

            PublishIndex();
        }
    }

    private IReadOnlyList<DiscoveryConfig> DeviceConfigs(DeviceEntry entry, IReadOnlyCollection<string>? removed = null) =>
        _payloads.Build(
            _options.Mode,
            new DiscoveryDevice(entry.Node, entry.Name, entry.Info.Manufacturer, entry.Info.Model, entry.Info.Firmware, entry.Info.Serial, _ids.BridgeNode),
            _topics.State(entry.Name),
            [_topics.BridgeAvailability, _topics.Availability(entry.Name)],
            DiscoveryComponents.ForFields(entry.Fields, entry.Name, entry.Node, _options.SettingsOf(entry.Name), _topics),
            removed);

    /// <summary>Applies what an earlier run left for <paramref name="node"/>; the second step runs later so the two cannot merge.</summary>
    private void Reconcile(string node, Func<IReadOnlyList<DiscoveryConfig>> current, Action announce)
    {
        var configs = current();
        var plan = _ledger.Reconcile(node, configs);
        if (plan.IsEmpty)
        {
            return;
        }

        foreach (var topic in plan.Migrate)
        {
            Send(topic, """{"migrate_discovery":true}""", retain: false);
        }

        foreach (var topic in plan.Clear)
        {
            _log.Information("clearing stale discovery {Topic}", topic);
            Send(topic, string.Empty, retain: true);
        }

        foreach (var (topic, removed) in plan.Stubs)
        {
            var entry = _devices.Values.FirstOrDefault(e => e.Node == node);
            if (entry is not null && DeviceConfigs(entry, removed).FirstOrDefault(c => c.Topic == topic) is { } withStubs)
            {
                Send(withStubs.Topic, withStubs.Payload, retain: true);
            }
        }

        if (plan.Migrate.Count > 0)
        {
            announce();
        }

        _timers.Add(_scheduler.Schedule(_options.CleanupStepDelay, () => Guard("discovery cleanup", () =>
        {
            lock (_gate)
            {
                foreach (var topic in plan.Migrate)
                {
                    Send(topic, string.Empty, retain: true);
                }

                announce();
            }
        })));
    }

    private void PublishIndex()
    {
        var index = _ledger.IndexPayload();
        if (index != _lastIndex)
        {
            _lastIndex = index;
            Send(_topics.DiscoveryIndex, index, retain: true);
        }
    }

    private void RepublishStates()
    {
        foreach (var entry in _devices.Values)
        {
            if (entry.Online is { } online)
            {
                Send(_topics.Availability(entry.Name), online ? Online : Offline, retain: true);
            }

            if (entry.State is { } state)
            {
                Send(_topics.State(entry.Name), state, retain: true);
            }
        }
    }

    private void OnCommand(MqttApplicationMessage message, string device, string key)
    {
        var payload = message.PayloadText;
        if (payload.Length == 0)
        {
            return;
        }

        if (!_options.SettingsOf(device).AllowControl || !DiscoveryComponents.SwitchKeys.Contains(key))
        {
            _log.Warning("ignoring command on {Topic}: {Device} has no switch {Key} (allow_control is off or the key is unknown)", message.Topic, device, key);
            return;
        }

        if (message.Retain)
        {
            // A retained command is stale by definition: acting on it at start-up could switch a battery output unasked.
            _log.Warning("ignoring retained command {Payload} on {Topic} and clearing it", payload, message.Topic);
            Send(message.Topic, string.Empty, retain: true);
            return;
        }

        if (SwitchCommand.Parse(payload) is not { } on)
        {
            _log.Warning("ignoring command {Payload} on {Topic}: only ON or OFF", payload, message.Topic);
            return;
        }

        _ = ExecuteAsync(device, key, on);
    }

    private async Task ExecuteAsync(string device, string key, bool on)
    {
        var token = _stopping.Token;
        try
        {
            await _commandGate.WaitAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            if (_commands is null)
            {
                _log.Warning("no command handler for {Device}: {Key} {State} refused", device, key, on ? SwitchCommand.On : SwitchCommand.Off);
            }
            else
            {
                var charge = key == JbdFields.ChargeMosfet.Key ? on : (bool?)null;
                var discharge = key == JbdFields.DischargeMosfet.Key ? on : (bool?)null;
                _log.Information("{Device}: {Key} {State} requested by Home Assistant", device, key, on ? SwitchCommand.On : SwitchCommand.Off);
                await CatchAsync($"{device}: {key} command", () => _commands.SetMosfetsAsync(device, charge, discharge, token)).ConfigureAwait(false);
            }

            Reading? fresh = null;
            if (_commands is not null)
            {
                await CatchAsync($"{device}: read after command", async () => fresh = await _commands.ReadNowAsync(device, token).ConfigureAwait(false)).ConfigureAwait(false);
            }

            if (fresh is not null)
            {
                Publish(fresh);
            }
            else
            {
                // Publish the last known state anyway so Home Assistant drops its optimistic UI state.
                lock (_gate)
                {
                    if (_devices.TryGetValue(device, out var entry) && entry.State is { } state)
                    {
                        Send(_topics.State(device), state, retain: true);
                    }
                }
            }
        }
        finally
        {
            _commandGate.Release();
        }
    }

    private async Task CatchAsync(string what, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _log.Error(e, "{What} failed", what);
        }
    }

    private DeviceEntry Entry(string name, DeviceInfo info)
    {
        if (!_devices.TryGetValue(name, out var entry))
        {
            entry = new DeviceEntry(name, _ids.Node(name), info);
            _devices.Add(name, entry);
        }

        return entry;
    }

    private void Send(string topic, string payload, bool retain)
    {
        try
        {
            _sink.Publish(new OutboundMessage(topic, payload, retain));
        }
        catch (Exception e)
        {
            _log.Error(e, "publishing {Topic} failed", topic);
        }
    }

    private void Subscribe(IMqttClient client, string filter, MqttQualityOfService qos) =>
        _ = CatchAsync($"subscribe {filter}", () => client.SubscribeAsync(filter, qos, _stopping.Token));

    private void Guard(string what, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            _log.Error(e, "Home Assistant {What} failed", what);
        }
    }

    /// <summary>What the publisher knows about one device: identity, announced fields, latest state and availability.</summary>
    private sealed class DeviceEntry(string name, string node, DeviceInfo info)
    {
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

        public string Name { get; } = name;

        public string Node { get; } = node;

        public DeviceInfo Info { get; private set; } = info;

        /// <summary>Every field seen so far, in order of first appearance: what discovery announces.</summary>
        public List<FieldSpec> Fields { get; } = [];

        public bool Announced { get; set; }

        public bool? Online { get; set; }

        public string? State { get; set; }

        /// <summary>True when the identity changed or a field appeared: discovery must be published again.</summary>
        public bool Merge(Reading reading)
        {
            var device = reading.Device;
            var changed = device.Manufacturer != Info.Manufacturer || device.Model != Info.Model
                || device.Firmware != Info.Firmware || device.Serial != Info.Serial;
            Info = device;
            foreach (var field in reading.Fields)
            {
                if (_keys.Add(field.Spec.Key))
                {
                    Fields.Add(field.Spec);
                    changed = true;
                }
            }

            return changed;
        }
    }
}
