namespace Streams.Tests.Polling;

/// <summary>Bytes a scripted device sends <see cref="Delay"/> after a request.</summary>
internal sealed record ScriptedReply(TimeSpan Delay, byte[] Bytes);
