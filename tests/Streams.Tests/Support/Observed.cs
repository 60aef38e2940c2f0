namespace Streams.Tests.Support;

/// <summary>Everything a synchronous observable produced.</summary>
internal sealed record Observed<T>(IReadOnlyList<T> Items, Exception? Error, bool Completed)
{
    /// <summary>Subscribes, lets the (synchronous) source run to its end, and returns what arrived.</summary>
    public static Observed<T> Of(IObservable<T> source)
    {
        var items = new List<T>();
        Exception? error = null;
        var completed = false;
        using (source.Subscribe(items.Add, e => error = e, () => completed = true))
        {
        }

        return new Observed<T>(items, error, completed);
    }
}
