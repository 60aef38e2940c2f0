using Streams.Config.Model;

namespace Streams.Config.Loading;

/// <summary>How one source kind reads its <c>sources[]</c> item; the kinds themselves are listed by the composition root.</summary>
internal interface ISourceReader
{
    /// <summary>The YAML <c>kind</c>, e.g. <c>eg4-modbus</c>.</summary>
    string Kind { get; }

    /// <summary>Reads the item's keys (the <c>kind</c> key is taken); problems go to the map's context.</summary>
    SourceConfig Read(MappingReader map);
}
