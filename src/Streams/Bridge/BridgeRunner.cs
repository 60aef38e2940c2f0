using System.Reactive.Concurrency;
using Serilog;
using Streams.Config;
using Streams.HomeAssistant;
using Streams.Sinks;
using Streams.Sources;

namespace Streams.Bridge;

/// <summary>Composes a configuration into a running bridge: sources → framing → decoding → health → sinks.</summary>
public static class BridgeRunner
{
    /// <summary>The topic root when no broker is configured (the console sink shows the same topics).</summary>
    public const string DefaultBaseTopic = "streams";

    public static async Task<BridgeExit> RunAsync(
        StreamsConfig config,
        BridgeOptions options,
        IMessageSink messages,
        ILogger log,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        var sink = new HomeAssistantSink(messages, new BridgeTopics(config.Mqtt?.BaseTopic ?? DefaultBaseTopic));

        if (options.ReplayPath is { } replayPath)
        {
            try
            {
                var summary = await ReplayRun.RunAsync(replayPath, config, sink, log, options.ReplayProgress, cancellation);
                log.Information("{Summary:l}", summary.ToString());
                return BridgeExit.Completed;
            }
            catch (CaptureFileException missing)
            {
                log.Error("{Message:l}", missing.Message);
                return BridgeExit.UserError;
            }
        }

        await LiveRun.RunAsync(config, options, sink, log, DefaultScheduler.Instance, cancellation);
        return BridgeExit.Completed;
    }
}
