using Streams.Mqtt;

namespace Streams.IntegrationTests.Mqtt;

/// <summary>Records every message a client receives; waits (bounded) for one that matches.</summary>
internal sealed class MessageLog : IDisposable
{
    private readonly List<MqttApplicationMessage> _messages = [];
    private readonly List<(Func<MqttApplicationMessage, bool> Match, TaskCompletionSource<MqttApplicationMessage> Done)> _waiters = [];
    private readonly IDisposable _subscription;

    public MessageLog(IObservable<MqttApplicationMessage> messages)
    {
        _subscription = messages.Subscribe(OnMessage);
    }

    public IReadOnlyList<MqttApplicationMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public IEnumerable<string> Payloads(string topic) => Messages.Where(m => m.Topic == topic).Select(m => m.PayloadText);

    public async Task<MqttApplicationMessage> WaitForAsync(string topic, string payload, TimeSpan? timeout = null) =>
        await WaitForAsync(m => m.Topic == topic && m.PayloadText == payload, $"'{payload}' on {topic}", timeout);

    public async Task<MqttApplicationMessage> WaitForAsync(Func<MqttApplicationMessage, bool> match, string what, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource<MqttApplicationMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_messages)
        {
            if (_messages.FirstOrDefault(match) is { } seen)
            {
                return seen;
            }

            _waiters.Add((match, done));
        }

        var limit = timeout ?? TimeSpan.FromSeconds(10);
        try
        {
            return await done.Task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no message {what} within {limit.TotalSeconds} s; received: " +
                string.Join(", ", Messages.Select(m => $"{m.Topic}={m.PayloadText}")));
        }
    }

    public void Dispose() => _subscription.Dispose();

    private void OnMessage(MqttApplicationMessage message)
    {
        List<(TaskCompletionSource<MqttApplicationMessage> Done, MqttApplicationMessage Message)> satisfied = [];
        lock (_messages)
        {
            _messages.Add(message);
            foreach (var waiter in _waiters.Where(w => w.Match(message)).ToList())
            {
                _waiters.Remove(waiter);
                satisfied.Add((waiter.Done, message));
            }
        }

        satisfied.ForEach(s => s.Done.TrySetResult(s.Message));
    }
}
