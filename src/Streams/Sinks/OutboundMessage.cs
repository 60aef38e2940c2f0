namespace Streams.Sinks;

/// <summary>One message the bridge publishes: to the broker, or as a console line when there is none.</summary>
public sealed record OutboundMessage(string Topic, string Payload, bool Retain)
{
    public override string ToString() => $"{Topic} {Payload}";
}
