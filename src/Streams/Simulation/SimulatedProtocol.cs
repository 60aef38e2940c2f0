namespace Streams.Simulation;

/// <summary>
/// The wire protocol a simulated device answers, as a <see cref="SimulatedBus"/> needs it: how its
/// requests are cut from the received bytes. One bus carries one protocol; each device family
/// declares its own instance.
/// </summary>
/// <param name="Name">For messages, e.g. <c>Modbus RTU</c>.</param>
/// <param name="Addressed">False for a protocol without addresses: a bus then holds one device.</param>
/// <param name="Requests">The whole request frames in received bytes (replies heard on the line are left out).</param>
internal sealed record SimulatedProtocol(
    string Name,
    bool Addressed,
    Func<IObservable<ReadOnlyMemory<byte>>, IObservable<SimulatedRequest>> Requests)
{
    public override string ToString() => Name;
}
