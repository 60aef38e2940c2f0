namespace Streams.Testing.Marbles;

/// <summary>What a marble run observed.</summary>
/// <param name="Frame">Virtual time of one frame in this run.</param>
/// <param name="Events">Everything the scenario emitted up to the horizon, in order.</param>
/// <param name="Subscriptions">Subscription log of every input the scenario asked for, taken at the horizon before the final disposal.</param>
public sealed record MarbleResult(
    TimeSpan Frame,
    IReadOnlyList<MarbleRecord> Events,
    IReadOnlyDictionary<string, IReadOnlyList<MarbleSubscription>> Subscriptions);
