using System.Reactive.Concurrency;

namespace Streams.Testing.Marbles;

/// <summary>What a marble scenario sees: virtual time and the file's named inputs.</summary>
public interface IMarbleContext
{
    /// <summary>The virtual-time scheduler every time-based operator under test must use.</summary>
    IScheduler Scheduler { get; }

    /// <summary>Virtual time of one '-' in the file's diagrams.</summary>
    TimeSpan Frame { get; }

    /// <summary>The input diagram <paramref name="name"/> as an observable of its values' literals (hot or cold per the file's @hot).</summary>
    IObservable<string> Input(string name);

    /// <summary>The literal defined for value key <paramref name="key"/> in the file.</summary>
    string Value(char key);

    /// <summary>An optional <c>@name value</c> metadata entry of the file, for scenario parameters.</summary>
    string? Meta(string name);
}
