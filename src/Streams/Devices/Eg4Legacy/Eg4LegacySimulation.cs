using System.Reactive.Linq;
using Streams.Simulation;

namespace Streams.Devices.Eg4Legacy;

/// <summary>The "7E … 0D" protocol as a simulated bus serves it: requests, each for its address.</summary>
internal static class Eg4LegacySimulation
{
    public static SimulatedProtocol Protocol { get; } = new(
        "EG4 7E",
        Addressed: true,
        chunks => chunks.FrameEg4Legacy()
            .Where(frame => frame.Kind == Eg4LegacyFrameKind.Request)
            .Select(frame => new SimulatedRequest(frame.Address, frame.Bytes)));
}
