using System.Reactive.Linq;
using Serilog;
using Streams.Core;
using Streams.Mqtt;
using Streams.Sinks;

namespace Streams.HomeAssistant.Commands;

/// <summary>Home Assistant's switch commands, from MQTT messages to <see cref="SwitchCommand"/>s (docs/home-assistant.md §9).</summary>
internal static class SwitchCommandIntake
{
    /// <summary>
    /// The messages on command topics (<c>&lt;base&gt;/&lt;device&gt;/&lt;switch&gt;/set</c>) that are
    /// commands to act on: for a switch the device offers (<see cref="DeviceSettings.Switches"/>), not
    /// retained, exactly <c>ON</c> or <c>OFF</c>. Everything else is logged and dropped; a retained
    /// command is also cleared on the broker through <paramref name="sink"/>. Empty payloads (our own
    /// clearing, echoed back) are dropped silently. Other topics pass by unseen.
    /// </summary>
    public static IObservable<SwitchCommand> SwitchCommands(
        this IObservable<MqttApplicationMessage> messages,
        BridgeTopics topics,
        HomeAssistantOptions options,
        IMessageSink sink,
        ILogger log)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(log);
        return messages
            .Select(message => topics.ParseCommand(message.Topic) is { } target && message.Payload.Length > 0
                ? Accept(message, target.Device, target.Key, options, sink, log)
                : null)
            .Where(static command => command is not null)
            .Select(static command => command!);
    }

    private static SwitchCommand? Accept(MqttApplicationMessage message, string device, string key, HomeAssistantOptions options, IMessageSink sink, ILogger log)
    {
        var payload = message.PayloadText;
        if (options.SettingsOf(device).Switch(key) is null)
        {
            log.Warning("ignoring command on {Topic:l}: {Device:l} has no switch {Key:l} (allow_control is off or the key is unknown)", message.Topic, device, key);
            return null;
        }

        if (message.Retain)
        {
            // A retained command is stale by definition: acting on it at start-up could switch a battery output unasked.
            log.Warning("ignoring retained command {Payload:l} on {Topic:l} and clearing it", payload, message.Topic);
            sink.Publish(new OutboundMessage(message.Topic, string.Empty, retain: true));
            return null;
        }

        if (SwitchPayload.Parse(payload) is not { } on)
        {
            log.Warning("ignoring command {Payload} on {Topic:l}: only ON or OFF", payload, message.Topic);
            return null;
        }

        log.Information("{Device:l}: {Key:l} {State:l} requested by Home Assistant", device, key, payload);
        return new SwitchCommand(device, key, on);
    }
}
