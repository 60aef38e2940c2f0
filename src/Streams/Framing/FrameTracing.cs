using System.Reactive.Linq;
using Serilog;
using Serilog.Events;

namespace Streams.Framing;

/// <summary><c>--trace</c>: every frame in hex at debug level, named by where it was heard.</summary>
internal static class FrameTracing
{
    /// <summary>Logs each frame's <c>ToString()</c> (kind, address, hex) at debug; free when debug is off.</summary>
    public static IObservable<TFrame> TraceFrames<TFrame>(this IObservable<TFrame> frames, ILogger log, string source)
        where TFrame : class
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(log);
        return log.IsEnabled(LogEventLevel.Debug)
            ? frames.Do(frame => log.Debug("{Source:l} {Frame:l}", source, frame.ToString()))
            : frames;
    }
}
