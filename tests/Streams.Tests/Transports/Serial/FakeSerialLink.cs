using System.Reactive.Linq;
using System.Reactive.Subjects;
using Streams.Transports.Serial;

namespace Streams.Tests.Transports.Serial;

/// <summary>An in-memory link whose bytes, unplug and disposal the test drives.</summary>
internal sealed class FakeSerialLink(string path) : ISerialLink
{
    private readonly Subject<ReadOnlyMemory<byte>> _received = new();

    public string Path => path;

    public IObservable<ReadOnlyMemory<byte>> Received => _received.AsObservable();

    public bool IsDisposed { get; private set; }

    public List<byte[]> Written { get; } = [];

    public void Emit(params byte[] bytes) => _received.OnNext(bytes);

    public void Unplug() => _received.OnError(new SerialDisconnectedException(path, "hangup (test)"));

    public void Write(ReadOnlySpan<byte> data) => Written.Add(data.ToArray());

    public void Dispose()
    {
        IsDisposed = true;
        _received.OnCompleted();
    }
}
