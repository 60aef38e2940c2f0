using Streams.Composition.Kinds;
using Streams.Config.Model;
using Streams.Devices.Modbus.Sniffing;

namespace Streams.Composition;

/// <summary>The names a sniffer gives the slaves it hears, from the configuration.</summary>
internal static class SnifferNames
{
    public static SnifferNaming Of(IEnumerable<PackConfig> packs)
    {
        var names = new Dictionary<byte, string>();
        foreach (var pack in packs)
        {
            if (pack.Address is > 0 and <= byte.MaxValue)
            {
                names.TryAdd((byte)pack.Address, pack.Name);
            }
        }

        return new SnifferNaming(names);
    }

    /// <summary>For <c>--replay</c>: the sniffer sources' names first, then any other source's Modbus packs (a capture of a polled bus).</summary>
    public static SnifferNaming Of(StreamsConfig config) =>
        Of(config.Sources
            .OrderBy(source => SourceKinds.For(source) is SnifferKind ? 0 : 1)
            .SelectMany(source => SourceKinds.For(source).ModbusNames(source)));
}
