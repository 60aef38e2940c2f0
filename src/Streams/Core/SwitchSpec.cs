namespace Streams.Core;

/// <summary>A switch a controllable device offers: its key in the device's readings and its display name.</summary>
internal sealed record SwitchSpec(string Key, string Name);
