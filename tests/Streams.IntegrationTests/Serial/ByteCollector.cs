using Streams.Transports.Serial;

namespace Streams.IntegrationTests.Serial;

/// <summary>Subscribes to a link's <see cref="ISerialLink.Received"/> and lets a test await a byte count or the terminal notification.</summary>
internal sealed class ByteCollector : IDisposable
{
    private readonly Lock _gate = new();
    private readonly MemoryStream _bytes = new();
    private readonly TaskCompletionSource<Exception?> _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IDisposable _subscription;
    private (int Count, TaskCompletionSource<byte[]> Done)? _waiter;

    public ByteCollector(ISerialLink link) =>
        _subscription = link.Received.Subscribe(OnChunk, e => _terminated.TrySetResult(e), () => _terminated.TrySetResult(null));

    public int Chunks { get; private set; }

    /// <summary>Completes with the error (or null on completion) that ended the stream.</summary>
    public Task<Exception?> Terminated => _terminated.Task;

    /// <summary>The first <paramref name="count"/> bytes received, once they are all there.</summary>
    public Task<byte[]> WaitForAsync(int count)
    {
        lock (_gate)
        {
            var done = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiter = (count, done);
            Check();
            return done.Task;
        }
    }

    public void Dispose() => _subscription.Dispose();

    private void OnChunk(ReadOnlyMemory<byte> chunk)
    {
        lock (_gate)
        {
            Chunks++;
            _bytes.Write(chunk.Span);
            Check();
        }
    }

    private void Check()
    {
        if (_waiter is { } waiter && _bytes.Length >= waiter.Count)
        {
            waiter.Done.TrySetResult(_bytes.GetBuffer().AsSpan(0, waiter.Count).ToArray());
            _waiter = null;
        }
    }
}
