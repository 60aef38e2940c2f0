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
            context.Error(WithinText(error.Start, text), "", error.Message);
            return null;
        }
        catch (Exception error) when (error is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet 16.3 throws these, without a position, on some malformed input (an unclosed
            // flow sequence, a tag that is not a URI); the scanner still knows where it stopped.
            context.Error(WithinText(scanner.CurrentPosition, text), "", "invalid YAML syntax near here");
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

    /// <summary>At the end of input the scanner reports the line after the last one; point at the last line instead.</summary>
    private static Mark WithinText(Mark position, string text)
    {
        var lines = text.Split('\n');
        var lineCount = text.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        if (lineCount == 0 || position.Line <= lineCount)
        {
            return position;
        }

        var lastLine = lines[lineCount - 1];
        return new Mark(position.Index, lineCount, lastLine.Length + 1);
    }
}
