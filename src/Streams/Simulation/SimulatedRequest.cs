namespace Streams.Simulation;

/// <summary>One whole request frame heard on a simulated bus, and the address it is for (null for an unaddressed protocol).</summary>
internal readonly record struct SimulatedRequest(byte? Address, ReadOnlyMemory<byte> Bytes);
