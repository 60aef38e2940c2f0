using Serilog;

namespace Streams.Sinks;

/// <summary>
/// Reports a failing publish of the sink it wraps in the log instead of letting it break the stream
/// that called it (Serilog's <c>SafeAggregateSink</c>): one broken message never costs the next one.
/// </summary>
internal sealed class GuardedSink : IMessageSink, IDisposable
{
    private readonly IMessageSink _inner;
    private readonly ILogger _log;

    public GuardedSink(IMessageSink inner, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(log);
        _inner = inner;
        _log = log;
    }

    public void Publish(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            _inner.Publish(message);
        }
        catch (Exception e)
        {
            _log.Error(e, "publishing {Topic} failed", message.Topic);
        }
    }

    /// <summary>Disposes the wrapped sink when it is disposable: a decorator owns what it wraps.</summary>
    public void Dispose() => (_inner as IDisposable)?.Dispose();
}
