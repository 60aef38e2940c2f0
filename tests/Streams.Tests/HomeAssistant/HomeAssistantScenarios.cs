using System.Reactive.Disposables;
using System.Reactive.Linq;
using Streams.HomeAssistant;
using Streams.Sinks;
using Streams.Testing.Marbles;

namespace Streams.Tests.HomeAssistant;

public static class HomeAssistantScenarios
{
    /// <summary>
    /// Inputs: <c>link</c> (connect / disconnect), <c>status</c> (Home Assistant's online / offline),
    /// <c>readings</c> (an EG4-LL reading of pack1). Output: the messages that matter for timing,
    /// named: online/offline (bridge availability), bridge config, pack1 config, pack1 state.
    /// </summary>
    [MarbleScenario("homeassistant.publisher")]
    public static IObservable<string> Publisher(IMarbleContext ctx) =>
        Observable.Create<string>(observer =>
        {
            var link = new FakeMqttLink();
            var sink = new ForwardingSink(message =>
            {
                if (Render(message) is { } label)
                {
                    observer.OnNext(label);
                }
            });
            var publisher = new HomeAssistantPublisher(Options(ctx), sink, ctx.Scheduler, PublisherHarness.Logger, link, random: () => Number(ctx, "sample", "0"));
            return new CompositeDisposable(
                publisher.Start(),
                ctx.Input("link").Subscribe(value => (value == "connect" ? (Action)link.Connect : link.Disconnect)()),
                ctx.Input("status").Subscribe(value => link.Receive("homeassistant/status", value)),
                ctx.Input("readings").Subscribe(_ => publisher.Publish(HaReadings.Eg4(at: ctx.Scheduler.Now))),
                publisher);
        });

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
                ctx.Input("readings").Subscribe(_ => publisher.Publish(HaReadings.Eg4(at: ctx.Scheduler.Now))),
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
