using Streams.Config.Loading;
using Streams.Config.Model;
using Streams.Core;
using Streams.HomeAssistant;

namespace Streams.Composition.Kinds;

/// <summary>
/// Everything the bridge does with one <c>kind</c> of source, in one place: how its configuration
/// reads, how it builds its polls, which simulator stands in for it under <c>--dry-run</c>, which
/// devices it gives Home Assistant, and which simulated devices it can poll. One entry per kind in
/// <see cref="SourceKinds"/>; nothing else dispatches on a kind.
/// </summary>
internal interface ISourceKind : ISourceReader
{
    /// <summary>The configuration record this kind reads into.</summary>
    Type ConfigType { get; }

    /// <summary>The simulated devices <c>kind: simulator</c> can imitate and this kind then polls.</summary>
    IReadOnlyList<SimulatedDeviceKind> SimulatedDevices { get; }

    /// <summary>The source's polls: cold, independent of every other source, never failing for device or port problems.</summary>
    IObservable<PackPoll> Polls(SourceConfig source, SourceContext context);

    /// <summary>The simulator that stands in for the source under <c>--dry-run</c>.</summary>
    SimulatorSourceConfig EquivalentSimulator(SourceConfig source);

    /// <summary>The devices the source reports, with what Home Assistant discovery needs of each.</summary>
    IEnumerable<(string Name, DeviceSettings Settings)> Devices(SourceConfig source);

    /// <summary>What names the source's file under <c>--capture</c>: its serial port, or a stable name; null when it reads no serial bytes.</summary>
    string? CaptureName(SourceConfig source);

    /// <summary>Modbus addresses the source names, for the slaves a <c>--replay</c> hears.</summary>
    IEnumerable<PackConfig> ModbusNames(SourceConfig source);
}
