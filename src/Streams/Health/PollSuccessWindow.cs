namespace Streams.Health;

/// <summary>The share of answered polls among the last N, for the link diagnostics. Touched by one pack's polls only.</summary>
internal sealed class PollSuccessWindow(int size)
{
    private readonly Queue<bool> _outcomes = new(size);
    private int _successes;

    public void Add(bool succeeded)
    {
        if (_outcomes.Count == size && _outcomes.Dequeue())
        {
            _successes--;
        }

        _outcomes.Enqueue(succeeded);
        if (succeeded)
        {
            _successes++;
        }
    }

    /// <summary>0–100; 0 before any poll.</summary>
    public double Percent => _outcomes.Count == 0 ? 0 : 100.0 * _successes / _outcomes.Count;
}
