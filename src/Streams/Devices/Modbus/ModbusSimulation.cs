using System.Reactive.Linq;
using Streams.Simulation;

namespace Streams.Devices.Modbus;

/// <summary>Modbus RTU fn 0x03 as a simulated bus serves it: queries, each for its unit address.</summary>
internal static class ModbusSimulation
{
    public static SimulatedProtocol Protocol { get; } = new(
        "Modbus RTU",
        Addressed: true,
        chunks => chunks.FrameModbusRtu()
            .Where(frame => frame.Kind == ModbusFrameKind.Query)
            .Select(frame => new SimulatedRequest(frame.Address, frame.Bytes)));
}
