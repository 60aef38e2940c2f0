using Serilog;

namespace Streams.Sinks;

/// <summary>
/// Reports a failing publish of the sink it wraps in the log instead of letting it break the stream
/// that called it (Serilog's <c>SafeAggregateSink</c>): one broken message never costs the next one.
/// </summary>
/// <remarks>
/// It passes a payload valid only during the call (<see cref="ICopyingMessageSink"/>) on as it is when
/// the wrapped sink copies payloads too, and in an array of its own to any other.
/// </remarks>
internal sealed class GuardedSink : ICopyingMessageSink, IDisposable
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

    public void Publish(string topic, ReadOnlySpan<byte> utf8Payload, bool retain)
    {
        ArgumentNullException.ThrowIfNull(topic);
        try
        {
            _inner.PublishLent(topic, utf8Payload, retain);
        }
        catch (Exception e)
        {
            _log.Error(e, "publishing {Topic} failed", topic);
        }
    }

    /// <summary>Disposes the wrapped sink when it is disposable: a decorator owns what it wraps.</summary>
    public void Dispose() => (_inner as IDisposable)?.Dispose();
}
