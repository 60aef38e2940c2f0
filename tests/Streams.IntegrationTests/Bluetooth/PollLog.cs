using System.Threading.Channels;
using Streams.Core;

namespace Streams.IntegrationTests.Bluetooth;

/// <summary>Records a poller's polls as they come, for bounded waits on the next one that matters.</summary>
internal sealed class PollLog : IDisposable
{
    private readonly Channel<PackPoll> _polls = Channel.CreateUnbounded<PackPoll>();
    private readonly IDisposable _subscription;

    public PollLog(IObservable<PackPoll> polls)
    {
        _subscription = polls.Subscribe(p => _polls.Writer.TryWrite(p), e => _polls.Writer.TryComplete(e));
    }

    /// <summary>The next poll satisfying <paramref name="wanted"/>, skipping others; fails after <paramref name="timeout"/>.</summary>
    public async Task<PackPoll> NextAsync(Func<PackPoll, bool> wanted, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var seen = new List<string>();
        try
        {
            while (true)
            {
                var poll = await _polls.Reader.ReadAsync(cancel.Token);
                if (wanted(poll))
                {
                    return poll;
                }

                seen.Add(poll.ToString());
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no wanted poll within {timeout.TotalSeconds} s; saw: {string.Join(" | ", seen)}");
        }
    }

    public Task<PackPoll> NextSuccessAsync(TimeSpan timeout) => NextAsync(p => p.Outcome.Succeeded, timeout);

    public void Dispose() => _subscription.Dispose();
}
