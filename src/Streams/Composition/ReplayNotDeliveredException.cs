namespace Streams.Composition;

/// <summary>A replay could not deliver what it decoded to the broker; the message is the one line to show.</summary>
internal sealed class ReplayNotDeliveredException(string message) : Exception(message);
