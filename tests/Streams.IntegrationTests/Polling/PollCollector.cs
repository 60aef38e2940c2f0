using Streams.Core;

namespace Streams.IntegrationTests.Polling;

/// <summary>Thread-safe record of what a live pipeline produced.</summary>
internal sealed class PollCollector
{
    private readonly Lock _gate = new();
    private readonly List<PackPoll> _polls = [];
    private readonly List<AvailabilityChange> _changes = [];
    private Exception? _error;

    public void Add(PackPoll poll)
    {
        lock (_gate)
        {
            _polls.Add(poll);
        }
    }

    public void Add(AvailabilityChange change)
    {
        lock (_gate)
        {
            _changes.Add(change);
        }
    }

    public void Fail(Exception error)
    {
        lock (_gate)
        {
            _error = error;
        }
    }

    public Exception? Error
    {
        get
        {
            lock (_gate)
            {
                return _error;
            }
        }
    }

    public int Successes(string pack)
    {
        lock (_gate)
        {
            return _polls.Count(p => p.Device.Name == pack && p.Outcome.Succeeded);
        }
    }

    public IReadOnlyList<PackPoll> Polls
    {
        get
        {
            lock (_gate)
            {
                return [.. _polls];
            }
        }
    }

    public IReadOnlyList<AvailabilityChange> Changes
    {
        get
        {
            lock (_gate)
            {
                return [.. _changes];
            }
        }
    }
}
