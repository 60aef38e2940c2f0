namespace Streams.Devices.Jbd.Ble;

/// <summary>One <c>FF AA cmd len data chk</c> frame of the JBD BLE password handshake.</summary>
internal sealed record JbdAuthFrame(byte Command, IReadOnlyList<byte> Data);
