using System.Reactive.Concurrency;
using Serilog;
using Streams.Core;
using Streams.Devices.Jbd;
using Streams.HomeAssistant;
using Streams.HomeAssistant.Discovery;

namespace Streams.Tests.HomeAssistant;

/// <summary>A started publisher wired to a recording sink, a fake broker link and virtual time; it records the switch commands it hands out.</summary>
internal sealed class PublisherHarness : IDisposable
{
    private readonly IDisposable _commands;

    public PublisherHarness(DiscoveryLayout layout = DiscoveryLayout.Device, bool withLink = true, bool allowControl = true, HomeAssistantOptions? options = null)
    {
        Options = options ?? new HomeAssistantOptions
        {
            DiscoveryPrefix = "homeassistant",
            BaseTopic = "streams",
            Layout = layout,
            Devices = new Dictionary<string, DeviceSettings>
            {
                ["pack1"] = new(TimeSpan.FromSeconds(10)),
                ["jbd1"] = new(TimeSpan.FromSeconds(10), allowControl ? JbdSwitches.All : []),
            },
        };
        Link = withLink ? new FakeMqttLink() : null;
        Publisher = new HomeAssistantPublisher(Options, Sink, Scheduler, Logger, Link, () => 0.5);
        _commands = Publisher.Commands.Subscribe(Commands.Add);
        Session = Publisher.Start();
    }

    public HomeAssistantOptions Options { get; }

    public RecordingMessageSink Sink { get; } = new();

    public HistoricalScheduler Scheduler { get; } = new(HaReadings.Noon);

    public FakeMqttLink? Link { get; }

    /// <summary>What <see cref="HomeAssistantPublisher.Commands"/> emitted, in order.</summary>
    public List<SwitchCommand> Commands { get; } = [];

    public HomeAssistantPublisher Publisher { get; }

    public IDisposable Session { get; }

    public static ILogger Logger => Serilog.Core.Logger.None;

    public void Advance(TimeSpan by) => Scheduler.AdvanceBy(by);

    /// <summary>Connects, publishes an EG4 and a JBD reading, and lets the index wait pass.</summary>
    public PublisherHarness Populated()
    {
        Link?.Connect();
        Publisher.Publish(HaReadings.Eg4());
        Publisher.Publish(HaReadings.Jbd());
        Advance(TimeSpan.FromSeconds(10));
        return this;
    }

    public HomeAssistantRuleBook Book() => new("homeassistant", "streams", Sink.Retained);

    public void Dispose()
    {
        Session.Dispose();
        _commands.Dispose();
        Publisher.Dispose();
    }
}
