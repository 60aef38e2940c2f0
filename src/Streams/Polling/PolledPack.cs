namespace Streams.Polling;

/// <summary>One addressed device on a shared bus: its name (the stable identity) and its bus address.</summary>
internal sealed record PolledPack(string Name, byte Address);
