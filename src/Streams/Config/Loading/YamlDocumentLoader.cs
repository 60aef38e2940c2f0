using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Streams.Config.Loading;

/// <summary>Parses the text into one YAML document whose root is a mapping, or reports why not, with a position.</summary>
internal static class YamlDocumentLoader
{
    public static YamlMappingNode? Load(string text, ConfigContext context)
    {
        var scanner = new Scanner(new StringReader(text));
        var stream = new YamlStream();
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException error)
        {
            context.Error(error.Start, "", error.Message);
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16.3 throws this (without a position) from the scanner on some malformed
            // input, e.g. an unclosed flow sequence; the scanner still knows where it stopped.
            context.Error(scanner.CurrentPosition, "", "invalid YAML syntax near here");
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            context.Error(new Mark(0, 1, 1), "", "the file holds no settings");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            context.Error(stream.Documents[1].RootNode, "", "only one YAML document is allowed (remove the '---' separator)");
            return null;
        }

        var root = stream.Documents[0].RootNode;
        if (root is YamlMappingNode mapping)
        {
            return mapping;
        }

        context.Error(root, "", $"the top level must be a mapping of keys to values, got {ConfigContext.Describe(root)}");
        return null;
    }
}
