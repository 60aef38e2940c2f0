using System.Reactive.Concurrency;
using Serilog;
using Streams.Devices.Jbd;
using Streams.HomeAssistant;

namespace Streams.Tests.HomeAssistant;

/// <summary>A publisher wired to a recording sink, a fake broker link, fake commands and virtual time.</summary>
internal sealed class PublisherHarness : IDisposable
{
    private readonly CancellationTokenSource _run = new();

    public PublisherHarness(DiscoveryMode mode = DiscoveryMode.Device, bool withLink = true, bool allowControl = true, HomeAssistantOptions? options = null)
    {
        Options = options ?? new HomeAssistantOptions
        {
            DiscoveryPrefix = "homeassistant",
            BaseTopic = "streams",
            Mode = mode,
            Devices = new Dictionary<string, DeviceSettings>
            {
                ["pack1"] = new(TimeSpan.FromSeconds(10)),
                ["jbd1"] = new(TimeSpan.FromSeconds(10), allowControl ? JbdSwitches.All : []),
            },
        };
        Link = withLink ? new FakeMqttLink() : null;
        Publisher = new HomeAssistantPublisher(Options, Sink, Scheduler, Logger, Link, Commands, () => 0.5);
        Running = Publisher.RunAsync(_run.Token);
    }

    public HomeAssistantOptions Options { get; }

    public RecordingMessageSink Sink { get; } = new();

    public HistoricalScheduler Scheduler { get; } = new(HaReadings.Noon);

    public FakeMqttLink? Link { get; }

    public FakeDeviceCommands Commands { get; } = new();

    public HomeAssistantPublisher Publisher { get; }

    public Task Running { get; }

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

    public async Task StopAsync()
    {
        await _run.CancelAsync();
        await Running;
    }

    public void Dispose()
    {
        _run.Cancel();
        Publisher.Dispose();
    }
}
