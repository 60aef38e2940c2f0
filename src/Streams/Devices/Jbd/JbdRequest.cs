namespace Streams.Devices.Jbd;

/// <summary>A decoded JBD request: a read (<c>DD A5</c>) or a write (<c>DD 5A</c>) of one register.</summary>
internal sealed record JbdRequest(bool IsWrite, byte Register, IReadOnlyList<byte> Data);
