namespace Streams.Tests.Polling;

/// <summary>Bytes a scripted device sends <see cref="Delay"/> after a request; with <see cref="ThenLost"/>, the link is lost right after them.</summary>
internal sealed record ScriptedReply(TimeSpan Delay, byte[] Bytes, Exception? ThenLost = null);
