using Streams.Config.Loading;
using Streams.Config.Model;
using Streams.Core;
using Streams.HomeAssistant;

namespace Streams.Composition.Kinds;

/// <summary>The typed base of a <see cref="ISourceKind"/>: one override per question, on its own record.</summary>
internal abstract class SourceKind<TConfig> : ISourceKind
    where TConfig : SourceConfig
{
    public abstract string Kind { get; }

    public Type ConfigType => typeof(TConfig);

    public virtual IReadOnlyList<SimulatedDeviceKind> SimulatedDevices => [];

    public abstract TConfig Read(MappingReader map);

    public abstract IObservable<PackPoll> Polls(TConfig source, SourceContext context);

    public abstract SimulatorSourceConfig EquivalentSimulator(TConfig source);

    public abstract IEnumerable<(string Name, DeviceSettings Settings)> Devices(TConfig source);

    public virtual string? CaptureName(TConfig source) => null;

    public virtual IEnumerable<PackConfig> ModbusNames(TConfig source) => [];

    SourceConfig ISourceReader.Read(MappingReader map) => Read(map);

    IObservable<PackPoll> ISourceKind.Polls(SourceConfig source, SourceContext context) => Polls(Typed(source), context);

    SimulatorSourceConfig ISourceKind.EquivalentSimulator(SourceConfig source) => EquivalentSimulator(Typed(source));

    IEnumerable<(string Name, DeviceSettings Settings)> ISourceKind.Devices(SourceConfig source) => Devices(Typed(source));

    string? ISourceKind.CaptureName(SourceConfig source) => CaptureName(Typed(source));

    IEnumerable<PackConfig> ISourceKind.ModbusNames(SourceConfig source) => ModbusNames(Typed(source));

    private static TConfig Typed(SourceConfig source) =>
        source as TConfig ?? throw new ArgumentException($"a {source.Kind} source is not a {typeof(TConfig).Name}", nameof(source));
}
