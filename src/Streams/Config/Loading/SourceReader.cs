using Streams.Config.Model;
using YamlDotNet.RepresentationModel;

namespace Streams.Config.Loading;

/// <summary>Reads one item of the native <c>sources:</c> list, dispatching on its <c>kind</c> to that kind's reader.</summary>
internal static class SourceReader
{
    public static SourceConfig? Read(YamlNode node, string path, ConfigContext context)
    {
        if (MappingReader.Open(node, path, context) is not { } map)
        {
            return null;
        }

        if (!map.HasKey("kind") && map.KeyInOtherCase("kind") is { } typed)
        {
            // "Kind:" is the user's kind in the wrong case: say that, not "kind is missing" plus noise.
            map.AcceptAllKeys();
            map.UnknownKey(typed, "kind");
            return null;
        }

        var kinds = context.SourceKinds.Select(kind => new KeyValuePair<string, ISourceReader>(kind.Kind, kind)).ToArray();
        if (!map.TryRequiredChoice("kind", kinds, out var reader))
        {
            // Without a kind the other keys mean nothing; flagging each of them would only add noise.
            map.AcceptAllKeys();
            return null;
        }

        var source = reader.Read(map);
        map.ReportUnknownKeys();
        return source;
    }
}
