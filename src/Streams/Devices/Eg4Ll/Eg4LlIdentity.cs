namespace Streams.Devices.Eg4Ll;

/// <summary>Registers 105–127: model (105–116), firmware (117–119, e.g. <c>Z02T04</c>), serial (120–127).</summary>
internal sealed record Eg4LlIdentity(string Model, string Firmware, string Serial);
