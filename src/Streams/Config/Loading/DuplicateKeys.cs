using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Streams.Config.Loading;

/// <summary>
/// Finds the first key given twice in one mapping, with its key path and the line of the first one,
/// by walking the parser's events (the document loader only says "Duplicate key" and where).
/// </summary>
internal static class DuplicateKeys
{
    public readonly record struct Duplicate(Mark At, string Path, long FirstLine);

    public static Duplicate? Find(string text)
    {
        var frames = new Stack<Frame>();
        try
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case MappingStart:
                        frames.Push(new Frame(ChildPath(frames), isMapping: true));
                        break;
                    case SequenceStart:
                        frames.Push(new Frame(ChildPath(frames), isMapping: false));
                        break;
                    case MappingEnd or SequenceEnd:
                        frames.Pop();
                        ValueDone(frames);
                        break;
                    case Scalar scalar when frames.TryPeek(out var mapping) && mapping.IsMapping && mapping.ExpectsKey:
                        var path = mapping.Path.Length == 0 ? scalar.Value : $"{mapping.Path}.{scalar.Value}";
                        if (mapping.Keys.TryGetValue(scalar.Value, out var firstLine))
                        {
                            return new Duplicate(scalar.Start, path, firstLine);
                        }

                        mapping.Keys[scalar.Value] = scalar.Start.Line;
                        mapping.Key = scalar.Value;
                        mapping.ExpectsKey = false;
                        break;
                    case Scalar or AnchorAlias:
                        ValueDone(frames);
                        break;
                }
            }
        }
        catch (YamlException)
        {
            // A file that does not parse to the end has no duplicate this walk can name.
        }

        return null;
    }

    private static string ChildPath(Stack<Frame> frames)
    {
        if (!frames.TryPeek(out var parent))
        {
            return "";
        }

        if (!parent.IsMapping)
        {
            return $"{parent.Path}[{parent.Index}]";
        }

        // A mapping or list used as a key has no path of its own; what matters is a duplicate below a key.
        return parent.ExpectsKey ? $"{parent.Path}?" : parent.Path.Length == 0 ? parent.Key : $"{parent.Path}.{parent.Key}";
    }

    private static void ValueDone(Stack<Frame> frames)
    {
        if (!frames.TryPeek(out var parent))
        {
            return;
        }

        if (parent.IsMapping)
        {
            parent.ExpectsKey = !parent.ExpectsKey;
        }
        else
        {
            parent.Index++;
        }
    }

    private sealed class Frame(string path, bool isMapping)
    {
        public string Path { get; } = path;

        public bool IsMapping { get; } = isMapping;

        public Dictionary<string, long> Keys { get; } = new(StringComparer.Ordinal);

        public string Key { get; set; } = "";

        public bool ExpectsKey { get; set; } = true;

        public int Index { get; set; }
    }
}
