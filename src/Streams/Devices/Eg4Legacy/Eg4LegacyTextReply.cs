namespace Streams.Devices.Eg4Legacy;

/// <summary>A firmware (0x33) or hardware (0x42) reply: its payload as printable ASCII.</summary>
internal sealed record Eg4LegacyTextReply(byte Address, byte Command, string Text);
