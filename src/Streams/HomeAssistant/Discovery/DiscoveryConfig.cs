namespace Streams.HomeAssistant.Discovery;

/// <summary>One discovery config message and the components it announces (<c>platform/key</c>; one for per-entity topics).</summary>
internal sealed record DiscoveryConfig(string Topic, string Payload, IReadOnlyList<string> Components);
