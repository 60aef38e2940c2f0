using System.Reactive.Disposables;
using System.Reactive.Linq;
using Streams.HomeAssistant;
using Streams.Sinks;
using Streams.Testing.Marbles;

namespace Streams.Tests.HomeAssistant;

internal static class HomeAssistantScenarios
{
    /// <summary>
    /// Inputs: <c>link</c> (connect / disconnect), <c>status</c> (Home Assistant's online / offline),
    /// <c>readings</c> (an EG4-LL reading of pack1). Output: the messages that matter for timing,
    /// named: online/offline (bridge availability), bridge config, pack1 config, pack1 state.
    /// </summary>
    [MarbleScenario("homeassistant.publisher")]
    public static IObservable<string> Publisher(IMarbleContext ctx) =>
        Published(ctx, Options(ctx), Render, (link, publisher) =>
        [
            ctx.Input("link").Subscribe(value => (value == "connect" ? (Action)link.Connect : link.Disconnect)()),
            ctx.Input("status").Subscribe(value => link.Receive("homeassistant/status", value)),
            Readings(ctx, publisher),
        ]);

    /// <summary>
    /// Home Assistant's expire_after, modelled: each published pack1 state makes the entities fresh,
    /// and <c>exp_aft</c> seconds (read from the published discovery) without a state make them
    /// unavailable. Input: <c>readings</c>. Output: fresh / expired transitions.
    /// </summary>
    [MarbleScenario("homeassistant.expire-after")]
    public static IObservable<string> ExpireAfter(IMarbleContext ctx) =>
        Observable.Create<OutboundMessage>(observer =>
        {
            var publisher = new HomeAssistantPublisher(Options(ctx), new ForwardingSink(observer.OnNext), ctx.Scheduler, PublisherHarness.Logger);
            return new CompositeDisposable(
                Readings(ctx, publisher),
                publisher);
        })
        .Publish(messages =>
        {
            var expireAfter = messages
                .Where(m => m.Topic == "homeassistant/device/streams_pack1/config")
                .Select(m => TimeSpan.FromSeconds(System.Text.Json.Nodes.JsonNode.Parse(m.Payload)!["cmps"]!["pack_voltage"]!["exp_aft"]!.GetValue<int>()));
            var states = messages.Where(m => m.Topic == "streams/pack1/state");
            return states.WithLatestFrom(expireAfter, (_, expiry) => expiry)
                .Select(expiry => Observable.Return("fresh").Concat(Observable.Timer(expiry, ctx.Scheduler).Select(_ => "expired")))
                .Switch()
                .DistinctUntilChanged();
        });

    /// <summary>
    /// The birth responder alone. Input: <c>status</c> (Home Assistant's online / offline). Output:
    /// <c>discovery</c> and <c>states</c>, the two answers it asks for.
    /// </summary>
    [MarbleScenario("homeassistant.birth-answers")]
    public static IObservable<string> BirthAnswers(IMarbleContext ctx) =>
        ctx.Input("status")
            .AnswerBirths(
                MarbleDuration(ctx, "birth-min", "1s"),
                MarbleDuration(ctx, "birth-max", "5s"),
                MarbleDuration(ctx, "states-after", "2s"),
                () => Number(ctx, "sample", "0"),
                ctx.Scheduler,
                PublisherHarness.Logger)
            .Select(answer => answer == BirthAnswer.Discovery ? "discovery" : "states");

    /// <summary>
    /// Stale discovery left by an earlier run. Inputs: <c>link</c> (connect), <c>index</c> (the earlier
    /// run's retained index: a device no longer configured, and pack1's voltage as a per-entity config),
    /// <c>readings</c> (pack1). Output, named: gone cleared, migrate, migrated cleared, pack1 config,
    /// index, pack1 state.
    /// </summary>
    [MarbleScenario("homeassistant.stale-cleanup")]
    public static IObservable<string> StaleCleanup(IMarbleContext ctx) =>
        Published(
            ctx,
            Options(ctx) with { IndexWait = MarbleDuration(ctx, "index-wait", "3s"), CleanupStepDelay = MarbleDuration(ctx, "cleanup-step", "2s") },
            RenderCleanup,
            (link, publisher) =>
            [
                ctx.Input("link").Subscribe(_ => link.Connect()),
                ctx.Input("index").Subscribe(_ => link.Receive("streams/bridge/discovery", EarlierIndex, retain: true)),
                Readings(ctx, publisher),
            ]);

    /// <summary>A started publisher over a fake broker link, fed by <paramref name="feed"/>; emits the names <paramref name="render"/> gives what it publishes.</summary>
    private static IObservable<string> Published(
        IMarbleContext ctx,
        HomeAssistantOptions options,
        Func<OutboundMessage, string?> render,
        Func<FakeMqttLink, HomeAssistantPublisher, IEnumerable<IDisposable>> feed) =>
        Observable.Create<string>(observer =>
        {
            var link = new FakeMqttLink();
            var sink = new ForwardingSink(message =>
            {
                if (render(message) is { } label)
                {
                    observer.OnNext(label);
                }
            });
            var publisher = new HomeAssistantPublisher(options, sink, ctx.Scheduler, PublisherHarness.Logger, link, random: () => Number(ctx, "sample", "0"));
            return new CompositeDisposable([publisher.Start(), .. feed(link, publisher), publisher]);
        });

    private static IDisposable Readings(IMarbleContext ctx, HomeAssistantPublisher publisher) =>
        ctx.Input("readings").Subscribe(_ => publisher.Publish(HaReadings.Eg4(at: ctx.Scheduler.Now)));

    private static HomeAssistantOptions Options(IMarbleContext ctx) => new()
    {
        DiscoveryPrefix = "homeassistant",
        BaseTopic = "streams",
        Devices = new Dictionary<string, DeviceSettings> { ["pack1"] = new(MarbleDuration(ctx, "poll", "10s")) },
        BirthDelayMin = MarbleDuration(ctx, "birth-min", "1s"),
        BirthDelayMax = MarbleDuration(ctx, "birth-max", "5s"),
        StatesAfterDiscovery = MarbleDuration(ctx, "states-after", "2s"),
        IndexWait = TimeSpan.FromHours(1),
    };

    private const string GoneConfig = "homeassistant/device/streams_gone/config";
    private const string Pack1VoltageConfig = "homeassistant/sensor/streams_pack1/pack_voltage/config";
    private const string EarlierIndex = $$"""{"{{GoneConfig}}":["sensor/v"],"{{Pack1VoltageConfig}}":["sensor/pack_voltage"]}""";

    private static string? RenderCleanup(OutboundMessage message) => (message.Topic, message.Payload) switch
    {
        (GoneConfig, "") => "gone cleared",
        (Pack1VoltageConfig, "") => "migrated cleared",
        (Pack1VoltageConfig, _) => "migrate",
        ("streams/bridge/discovery", _) => "index",
        _ => Render(message),
    };

    private static string? Render(OutboundMessage message) => message.Topic switch
    {
        "streams/bridge/availability" => message.Payload,
        "homeassistant/device/streams_bridge/config" => "bridge config",
        "homeassistant/device/streams_pack1/config" => "pack1 config",
        "streams/pack1/state" => "pack1 state",
        _ => null,
    };

    private static TimeSpan MarbleDuration(IMarbleContext ctx, string name, string fallback) =>
        Streams.Testing.Marbles.MarbleDuration.Parse(ctx.Meta(name) ?? fallback);

    private static double Number(IMarbleContext ctx, string name, string fallback) =>
        double.Parse(ctx.Meta(name) ?? fallback, System.Globalization.CultureInfo.InvariantCulture);

    private sealed class ForwardingSink(Action<OutboundMessage> forward) : IMessageSink
    {
        public void Publish(OutboundMessage message) => forward(message);
    }
}
