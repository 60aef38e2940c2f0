using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace Streams.Config.Loading;

/// <summary>
/// Says what is wrong with a file the YAML parser rejected, in words a person editing a
/// configuration understands, at the line that holds the mistake (the parser often points at the
/// line before, or at the first line for a tab).
/// </summary>
internal static partial class YamlSyntaxWords
{
    public const string Tab = "a tab in the indentation; YAML indents with spaces only";

    /// <summary>The position and the sentence for <paramref name="error"/> in <paramref name="text"/>.</summary>
    public static (Mark At, string Message) Describe(YamlException error, string text)
    {
        var lines = text.Split('\n');
        var at = error.Start;
        if (error.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstTabIndentation(lines) is { } tab)
        {
            return (tab, Tab);
        }

        var line = LineAt(lines, at.Line);
        var column = (int)Math.Max(1, at.Column);
        var message = error switch
        {
            AnchorNotFoundException => AnchorMessage(error.Message),
            _ => Sentence(error.Message, line, column) ?? Fallback(error.Message),
        };
        return (at, message);
    }

    /// <summary>For a position the scanner reached without a YamlException (a crash inside the parser).</summary>
    public static string Unreadable(string text, Mark at)
    {
        if (LineAt(text.Split('\n'), at.Line).Contains("${", StringComparison.Ordinal))
        {
            return EnvironmentInFlow;
        }

        return text.Count(c => c == '[') > text.Count(c => c == ']') || text.Count(c => c == '{') > text.Count(c => c == '}')
            ? "a '[' or '{' is never closed with its ']' or '}'"
            : "invalid YAML syntax near here";
    }

    private const string EnvironmentInFlow = "'${...}' inside '{ }' or '[ ]' must be quoted, e.g. {name: \"${PACK}\"}";

    private static string? Sentence(string parser, string line, int column) => parser switch
    {
        _ when parser.StartsWith("While parsing a block collection, did not find expected '-'", StringComparison.Ordinal) =>
            "this line is indented like a list item but has no '-' (to continue the item above, indent it like that item's keys)",
        _ when parser.StartsWith("While parsing a block mapping, did not find expected key", StringComparison.Ordinal) =>
            BlockMappingKey(line, column),
        _ when parser.Contains("found invalid mapping", StringComparison.Ordinal) => SecondColon(line, column)
            ? "a second ': ' on this line; put the value in quotes if it contains ': '"
            : "this line is indented further than the key above it, or the line above has no ':' after its key",
        _ when parser.StartsWith("Block sequence entries are not allowed", StringComparison.Ordinal) =>
            "a list item ('- ') cannot start on the line of its key; put it on the next line, indented",
        _ when parser.StartsWith("Mapping values are not allowed", StringComparison.Ordinal) =>
            "a ':' where none belongs; put the value in quotes if it contains ': '",
        _ when parser.Contains("character that cannot start any token", StringComparison.Ordinal) =>
            $"a value cannot start with '{CharAt(line, column)}'; put it in quotes",
        _ when parser.Contains("did not find expected node content", StringComparison.Ordinal) =>
            "expected a value here",
        _ when parser.Contains("<document end>", StringComparison.Ordinal) || parser.Contains("<document start>", StringComparison.Ordinal) =>
            "this line is not 'key: value' YAML (is this the configuration file?)",
        _ when parser.StartsWith("While scanning a quoted scalar, found unexpected end of stream", StringComparison.Ordinal) =>
            "this quoted value is never closed (a closing \" or ' is missing)",
        _ when parser.StartsWith("While scanning a quoted scalar, found unknown escape character", StringComparison.Ordinal) =>
            "an unknown '\\' escape in a double-quoted value; use single quotes, or write '\\\\' for a backslash",
        _ when parser.Contains("flow mapping", StringComparison.Ordinal) || parser.Contains("flow sequence", StringComparison.Ordinal) =>
            line.Contains("${", StringComparison.Ordinal) ? EnvironmentInFlow : "a ',' or the closing '}' or ']' is missing in this '{ }' or '[ ]'",
        _ when parser.StartsWith("Duplicate key ", StringComparison.Ordinal) =>
            $"duplicate key '{parser["Duplicate key ".Length..].Trim()}'",
        _ => null,
    };

    /// <summary>A key that does not line up, a list item where a key belongs, or text after a closing quote.</summary>
    private static string BlockMappingKey(string line, int column)
    {
        if (line.TrimStart().StartsWith('-'))
        {
            return "a list item ('- ') where a key was expected; a list must be the value of its own key";
        }

        var before = line[..Math.Min(line.Length, column - 1)].TrimEnd();
        return before.EndsWith('"') || before.EndsWith('\'')
            ? "text after the closing quote; put the whole value inside the quotes"
            : "this line does not line up with the keys above it (the keys of one mapping start in the same column)";
    }

    /// <summary>Two <c>key: </c> separators before the error on the line: the value itself holds ': '.</summary>
    private static bool SecondColon(string line, int column) =>
        KeySeparator().Matches(line[..Math.Min(line.Length, column)]).Count >= 2;

    [GeneratedRegex(@":(\s|$)")]
    private static partial Regex KeySeparator();

    /// <summary>The parser's words without its "While scanning/parsing a …," preamble.</summary>
    private static string Fallback(string parser)
    {
        var match = Preamble().Match(parser);
        var what = match.Success ? $"invalid YAML in {match.Groups["what"].Value}: {match.Groups["rest"].Value}" : $"invalid YAML: {parser}";
        return what.TrimEnd('.');
    }

    [GeneratedRegex(@"^While (?:scanning|parsing) (?<what>[^,]+), (?<rest>.*)$")]
    private static partial Regex Preamble();

    private static string AnchorMessage(string parser) =>
        AnchorName().Match(parser) is { Success: true } match
            ? $"'*{match.Groups["name"].Value}' refers to an anchor '&{match.Groups["name"].Value}' that is not defined above"
            : "an alias ('*name') refers to an anchor that is not defined above";

    [GeneratedRegex(@"anchor '(?<name>[^']*)'", RegexOptions.IgnoreCase)]
    private static partial Regex AnchorName();

    /// <summary>The first line whose indentation holds a tab, at that tab.</summary>
    private static Mark? FirstTabIndentation(string[] lines)
    {
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index];
            var indentation = line.Length - line.TrimStart(' ', '\t').Length;
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0 && tab < indentation)
            {
                return new Mark(0, index + 1, tab + 1);
            }
        }

        return null;
    }

    private static string LineAt(string[] lines, long line) =>
        line >= 1 && line <= lines.Length ? lines[line - 1].TrimEnd('\r') : "";

    private static char CharAt(string line, int column) => column - 1 < line.Length ? line[column - 1] : ' ';
}
