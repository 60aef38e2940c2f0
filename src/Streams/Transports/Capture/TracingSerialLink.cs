using Serilog;
using Streams.Transports.Serial;

namespace Streams.Transports.Capture;

/// <summary><c>--trace</c> for what the bridge sends: every write in hex at debug level (received frames are traced after framing).</summary>
internal sealed class TracingSerialLink(ISerialLink inner, ILogger log) : ISerialLink
{
    public string Path => inner.Path;

    public IObservable<ReadOnlyMemory<byte>> Received => inner.Received;

    public void Write(ReadOnlySpan<byte> data)
    {
        log.Debug("{Port:l} TX {Hex:l}", inner.Path, Convert.ToHexString(data));
        inner.Write(data);
    }

    /// <summary>Does not own the wrapped link.</summary>
    public void Dispose()
    {
    }
}
