namespace Streams.Simulation;

/// <summary>
/// A simulated battery device: given one complete request frame, it answers with the bytes the real
/// device would send, or stays silent. Implementations are thread-safe and never throw for a
/// malformed or foreign request.
/// </summary>
internal interface ISimulatedDevice
{
    /// <summary>The protocol the device speaks, which decides how a bus frames its requests.</summary>
    SimulatedProtocol Protocol { get; }

    /// <summary>The bus address the device answers at (ignored for an unaddressed protocol).</summary>
    byte Address { get; }

    /// <summary>The reply to <paramref name="request"/>, or null when a real device would not answer
    /// (another address, an unknown command, a malformed frame).</summary>
    /// <param name="request">One whole request frame, as cut by the protocol's framer.</param>
    byte[]? Answer(ReadOnlySpan<byte> request);
}
