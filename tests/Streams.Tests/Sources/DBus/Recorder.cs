using System.Threading.Channels;

namespace Streams.Tests.Sources.DBus;

/// <summary>Records an observable's notifications so a test can await them one by one, with a bounded wait.</summary>
internal sealed class Recorder<T> : IObserver<T>, IDisposable
{
    private readonly Channel<T> _values = Channel.CreateUnbounded<T>();
    private readonly TaskCompletionSource<Exception?> _end = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IDisposable _subscription;

    public Recorder(IObservable<T> source)
    {
        _subscription = source.Subscribe(this);
    }

    /// <summary>Completes with null on OnCompleted, with the error on OnError.</summary>
    public Task<Exception?> End => _end.Task;

    public Task<T> NextAsync() => _values.Reader.ReadAsync().AsTask().WaitAsync(FakeBusPeer.Patience);

    public bool TryTake(out T value) => _values.Reader.TryRead(out value!);

    public void OnNext(T value) => _values.Writer.TryWrite(value);

    public void OnError(Exception error) => _end.TrySetResult(error);

    public void OnCompleted() => _end.TrySetResult(null);

    public void Dispose() => _subscription.Dispose();
}
