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
        catch (YamlException error) when (error.Message.StartsWith("Duplicate key ", StringComparison.Ordinal) && DuplicateKeys.Find(text) is { } duplicate)
        {
            context.Error(duplicate.At, duplicate.Path, $"duplicate key, already set on line {duplicate.FirstLine}");
            return null;
        }
        catch (YamlException error)
        {
            var (at, message) = YamlSyntaxWords.Describe(error, text);
            context.Error(WithinText(at, text), "", message);
            return null;
        }
        catch (Exception error) when (error is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet throws these, without a position, on some malformed input (an unclosed
            // flow sequence, a tag that is not a URI); the scanner still knows where it stopped.
            var at = WithinText(scanner.CurrentPosition, text);
            context.Error(at, "", YamlSyntaxWords.Unreadable(text, at));
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
