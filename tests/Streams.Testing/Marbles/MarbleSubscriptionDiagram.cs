namespace Streams.Testing.Marbles;

/// <summary>A parsed subscription diagram (<c>^</c>, <c>!</c>, <c>(^!)</c>, <c>-</c>, progressions).</summary>
/// <param name="Subscription">The window, or null for a diagram without '^' (never subscribed).</param>
/// <param name="LastFrame">Last frame the diagram covers, including a trailing '!'.</param>
public sealed record MarbleSubscriptionDiagram(MarbleSubscription? Subscription, long LastFrame);
