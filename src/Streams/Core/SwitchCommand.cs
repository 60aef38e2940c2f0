namespace Streams.Core;

/// <summary>A request from outside (Home Assistant) to turn one of a device's switches on or off.</summary>
internal sealed record SwitchCommand(string Device, string Switch, bool On);
