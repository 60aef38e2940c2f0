namespace Streams.Composition;

/// <summary>
/// How far a replay's decoding may run ahead of its publishing: at most <c>capacity</c> readings.
/// A reader that finds no room sleeps until half of it is free again, and only then is it woken,
/// so when the publisher is the slower side the two threads meet once per half a room instead of
/// once per reading, and the reader never spins (a <see cref="SemaphoreSlim"/> spins before it
/// sleeps: CPU taken from the publisher on a small machine). One reader, one publisher.
/// </summary>
internal sealed class ReplayRoom(int capacity) : IDisposable
{
    private readonly int _wakeAt = Math.Max(1, capacity / 2);
    private readonly ManualResetEventSlim _roomAgain = new(initialState: false, spinCount: 0);
    private int _free = capacity;

    /// <summary>Takes one place, waiting for room when there is none.</summary>
    /// <exception cref="OperationCanceledException">Cancelled while waiting.</exception>
    public void Take(CancellationToken cancellation)
    {
        while (true)
        {
            if (Interlocked.Decrement(ref _free) >= 0)
            {
                return;
            }

            Interlocked.Increment(ref _free);
            _roomAgain.Reset();

            // Half the room may have come free between the two lines above, its signal reset.
            if (Volatile.Read(ref _free) < _wakeAt)
            {
                _roomAgain.Wait(cancellation);
            }
        }
    }

    /// <summary>Gives one place back.</summary>
    public void Release()
    {
        if (Interlocked.Increment(ref _free) >= _wakeAt)
        {
            _roomAgain.Set();
        }
    }

    public void Dispose() => _roomAgain.Dispose();
}
