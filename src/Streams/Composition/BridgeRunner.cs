using System.Reactive.Concurrency;
using Serilog;
using Streams.Config.Model;
using Streams.HomeAssistant;
using Streams.Mqtt;
using Streams.Sinks;
using Streams.Transports.Capture;

namespace Streams.Composition;

/// <summary>Composes a configuration into a running bridge: sources → framing → decoding → health → sinks.</summary>
public static class BridgeRunner
{
    /// <summary>
    /// Runs the bridge until <paramref name="cancellation"/> (live), or to the end of a replay or a
    /// dry run. Readings go to Home Assistant through the configured broker, or as
    /// <c>topic payload</c> lines to <paramref name="console"/> when there is none (and always for a dry run).
    /// </summary>
    /// <exception cref="OperationCanceledException">A live run was stopped.</exception>
    public static async Task<BridgeExit> RunAsync(
        StreamsConfig config,
        BridgeOptions options,
        IMessageSink console,
        ILogger log,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        ReplayFile? replay = null;
        if (options.ReplayPath is { } replayPath && !ReplayFile.TryOpen(replayPath, out replay, out var unreadable))
        {
            // Before anything is announced: a mistyped path must not publish a bridge that does nothing.
            log.Error("{Message:l}", unreadable.Message);
            return BridgeExit.UserError;
        }

        var scheduler = DefaultScheduler.Instance;
        var broker = options.DryRun ? null : config.Mqtt;

        var client = broker is null ? null : new MqttClient(BridgeMqttClientOptions.Create(broker), scheduler, log);
        using var publisher = client is null
            ? HomeAssistantSetup.ForConsole(config, console, scheduler, log)
            : HomeAssistantSetup.ForBroker(config, client, scheduler, log);
        var session = publisher.Start();
        client?.Start();
        if (broker is not null)
        {
            log.Information("publishing to MQTT broker {Host:l}:{Port}", broker.Host, broker.Port);
        }

        try
        {
            if (replay is not null)
            {
                var summary = await ReplayRun.RunAsync(replay, config, publisher, log, options.ReplayProgress, NewThreadScheduler.Default, scheduler, cancellation);
                log.Information("{Summary:l}", summary.ToString());
                return BridgeExit.Completed;
            }

            await LiveRun.RunAsync(config, options, publisher, log, scheduler, publisher.Commands, cancellation);
            return BridgeExit.Completed;
        }
        finally
        {
            // The session says "offline" on its way out; disposing the client then disconnects cleanly.
            session.Dispose();
            await DisconnectAsync(client, log);
        }
    }

    /// <summary>A failure while saying goodbye to the broker is logged; it must not turn a clean stop into a fault.</summary>
    private static async Task DisconnectAsync(MqttClient? client, ILogger log)
    {
        if (client is null)
        {
            return;
        }

        try
        {
            await client.DisposeAsync();
        }
        catch (Exception failure)
        {
            log.Warning("MQTT disconnect at shutdown failed: {Reason:l}", failure.Message);
        }
    }
}
