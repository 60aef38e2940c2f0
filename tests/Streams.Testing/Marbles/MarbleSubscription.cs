namespace Streams.Testing.Marbles;

/// <summary>A subscription window in frames, as logged by test inputs or written as <c>--^---!</c>.</summary>
/// <param name="Subscribe">Frame of the subscription ('^').</param>
/// <param name="Unsubscribe">Frame of the disposal ('!'), or null while still subscribed.</param>
public readonly record struct MarbleSubscription(long Subscribe, long? Unsubscribe)
{
    /// <inheritdoc />
    public override string ToString() => Unsubscribe is { } end ? $"^{Subscribe} !{end}" : $"^{Subscribe}";
}
