using System.Reactive.Linq;
using Streams.Simulation;

namespace Streams.Devices.Jbd;

/// <summary>The JBD "DD … 77" protocol as a simulated bus serves it: read and write requests; it has no addresses.</summary>
internal static class JbdSimulation
{
    public static SimulatedProtocol Protocol { get; } = new(
        "JBD",
        Addressed: false,
        chunks => chunks.FrameJbd()
            .Where(frame => frame.Kind != JbdFrameKind.Response)
            .Select(frame => new SimulatedRequest(null, frame.Bytes)));
}
