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
    /// dry run. Readings go to Home Assistant through the configured broker, or as messages to
    /// <paramref name="console"/> when there is none (and always for a dry run); also to
    /// <see cref="BridgeOptions.Board"/> when one is given.
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

        var client = broker is null ? null : new MqttClient(replay is null ? BridgeMqttClientOptions.Create(broker) : BridgeMqttClientOptions.OneShot(broker), scheduler, log);
        var brokerSink = client is null ? null : new MqttMessageSink(client, log);
        using var publisher = brokerSink is null
            ? HomeAssistantSetup.ForConsole(config, console, scheduler, log)
            : HomeAssistantSetup.ForBroker(config, client!, brokerSink, scheduler, log);
        var readings = Readings(config, options, publisher);
        var session = publisher.Start();
        if (broker is not null)
        {
            log.Information("publishing to MQTT broker {Host:l}:{Port}", broker.Host, broker.Port);
        }

        client?.Start();
        try
        {
            if (replay is not null)
            {
                var delivery = brokerSink is null ? null : new ReplayDelivery(client!, brokerSink, publisher, broker!, ReplayDelivery.DefaultPatience);
                return await ReplayAsync(replay, config, options, readings, delivery, log, scheduler, cancellation);
            }

            await LiveRun.RunAsync(config, options, readings, log, scheduler, publisher.Commands, cancellation);
            return BridgeExit.Completed;
        }
        finally
        {
            // The session says "offline" on its way out; disposing the client then disconnects cleanly.
            session.Dispose();
            await DisconnectAsync(client, log);
        }
    }

    /// <summary>
    /// Checks a <c>--replay</c> path before anything starts, without blocking (a FIFO waits for its
    /// writer later, in the replay itself): null when it can be read, else the one line to show.
    /// </summary>
    public static string? ReplayFileProblem(string path) =>
        ReplayFile.TryOpen(path, out _, out var problem) ? null : problem.Message;

    private static async Task<BridgeExit> ReplayAsync(
        ReplayFile replay,
        StreamsConfig config,
        BridgeOptions options,
        IReadingSink readings,
        ReplayDelivery? delivery,
        ILogger log,
        IScheduler scheduler,
        CancellationToken cancellation)
    {
        try
        {
            if (delivery is not null)
            {
                await delivery.ConnectAsync(cancellation);
            }

            using var publishing = new EventLoopScheduler(start => new Thread(start) { Name = "replay publisher", IsBackground = true });
            var summary = await ReplayRun.RunAsync(
                replay, config, readings, log, options.ReplayProgress, NewThreadScheduler.Default, publishing, scheduler, cancellation, delivery is null ? null : delivery.AfterReading);
            if (delivery is not null)
            {
                await delivery.DeliveredAsync(cancellation);
            }

            log.Information("{Summary:l}{Delivery:l}", summary.ToString(), delivery is null ? "" : $"; {delivery}");
            return BridgeExit.Completed;
        }
        catch (ReplayNotDeliveredException failure) when (!cancellation.IsCancellationRequested)
        {
            log.Error("{Message:l}", failure.Message);
            return BridgeExit.NotDelivered;
        }
    }

    /// <summary>The publisher, and the console's table beside it when there is one.</summary>
    private static IReadingSink Readings(StreamsConfig config, BridgeOptions options, HomeAssistantPublisher publisher)
    {
        if (options.Board is not { } board)
        {
            return publisher;
        }

        foreach (var name in ConfiguredDevices.From(config).Keys)
        {
            board.Expect(name);
        }

        return new BoardedReadingSink(publisher, board);
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
