using Streams.Config.Model;

namespace Streams.Config.Loading;

/// <summary>Reads the product's own layout: <c>sources</c>, <c>mqtt</c>, <c>logging</c>, <c>health</c>, <c>energy</c>, <c>banks</c>.</summary>
internal static class NativeFormatReader
{
    public static StreamsConfig Read(MappingReader root)
    {
        var sources = ReadSources(root);
        var mqtt = root.Mapping("mqtt") is { } mqttMap ? MqttSectionReader.Read(mqttMap) : null;
        var logging = LoggingSectionReader.Read(root.Mapping("logging"));
        var health = HealthSectionReader.Read(root.Mapping("health"));
        var energy = EnergySectionReader.Read(root.Mapping("energy"));
        var banks = BankSectionReader.Read(root);
        root.ReportUnknownKeys();
        return new StreamsConfig(sources, mqtt, logging, health, ConfigFormat.Native) { Energy = energy, Banks = banks };
    }

    private static IReadOnlyList<SourceConfig> ReadSources(MappingReader root)
    {
        var items = root.Sequence("sources");
        if (items is null)
        {
            if (root.Find("sources") is null)
            {
                root.Error("sources", "required value is missing (a list of sources, each with a kind such as eg4-modbus)");
            }

            return ConfigList<SourceConfig>.Empty;
        }

        if (items.Count == 0)
        {
            root.Error("sources", "needs at least one source");
        }

        var sources = new List<SourceConfig>(items.Count);
        for (var index = 0; index < items.Count; index++)
        {
            if (SourceReader.Read(items[index], $"{root.PathOf("sources")}[{index}]", root.Context) is { } source)
            {
                sources.Add(source);
            }
        }

        return new ConfigList<SourceConfig>(sources);
    }
}
