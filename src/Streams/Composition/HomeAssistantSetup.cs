using System.Reactive.Concurrency;
using Serilog;
using Streams.Config.Model;
using Streams.HomeAssistant;
using Streams.HomeAssistant.Discovery;
using Streams.Mqtt;
using Streams.Sinks;

namespace Streams.Composition;

/// <summary>The Home Assistant side from the configuration: its options, and the publisher for the console or the broker.</summary>
internal static class HomeAssistantSetup
{
    /// <summary>Options from a loaded configuration; without an <c>mqtt:</c> section the console defaults apply.</summary>
    public static HomeAssistantOptions Options(StreamsConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new HomeAssistantOptions
        {
            DiscoveryPrefix = config.Mqtt?.DiscoveryPrefix ?? "homeassistant",
            BaseTopic = config.Mqtt?.BaseTopic ?? "streams",
            Instance = config.Mqtt?.EffectiveClientId ?? BridgeTopics.DefaultInstance,
            Layout = config.Mqtt?.Discovery == DiscoveryMode.Entity ? DiscoveryLayout.Entity : DiscoveryLayout.Device,
            Devices = ConfiguredDevices.From(config),
        };
    }

    /// <summary>Console mode: messages go to <paramref name="console"/>; no birth, reconnect or commands.</summary>
    public static HomeAssistantPublisher ForConsole(StreamsConfig config, IMessageSink console, IScheduler scheduler, ILogger log) =>
        new(Options(config), console, scheduler, log);

    /// <summary>
    /// Broker mode over <paramref name="client"/> (built with <see cref="BridgeMqttClientOptions.Create"/>):
    /// messages go through an <see cref="MqttMessageSink"/>, which is disposed with the publisher.
    /// </summary>
    public static HomeAssistantPublisher ForBroker(StreamsConfig config, IMqttClient client, IScheduler scheduler, ILogger log) =>
        ForBroker(config, client, new MqttMessageSink(client, log), scheduler, log);

    /// <summary>Broker mode with the caller's <paramref name="sink"/> over <paramref name="client"/> (a replay watches its deliveries); disposed with the publisher.</summary>
    public static HomeAssistantPublisher ForBroker(StreamsConfig config, IMqttClient client, MqttMessageSink sink, IScheduler scheduler, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new HomeAssistantPublisher(Options(config), sink, scheduler, log, client, rejected: sink.Rejected);
    }
}
