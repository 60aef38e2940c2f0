using System.Globalization;
using System.Text.RegularExpressions;

namespace Streams.Testing.Marbles;

/// <summary>
/// One .marble file: a scenario name, inputs, the expected output and the value table.
/// <code>
/// // comment (also trailing, after whitespace)
/// @scenario  health.error-reports   // [MarbleScenario] name (required)
/// @frame     10m                    // time of one '-' (ms, s, m, h); default 1ms
/// @hot       errors, polls          // hot inputs; the others are cold
/// @error     TimeoutException:no reply   // what '#' means (default Exception:error)
/// @error.out IOException            // '#' of one diagram only (input name or 'expected')
/// @horizon   12h                    // last observed frame, as a duration or a frame count
/// @window    1h                     // any other @key: IMarbleContext.Meta("window")
/// errors:       -a-a-a-b-b-------   // an input
/// expected:     -a-----b-----b---   // what the scenario must emit
/// subscription: ^---------------!   // when the scenario is subscribed / disposed (default ^ at 0)
/// errors^:      ^----------------   // expected subscription log of input 'errors' (repeatable)
/// a = CrcMismatch                   // value literals (a key without a line is its own literal)
/// </code>
/// </summary>
public sealed partial class MarbleFile
{
    private const string ExpectedName = "expected";
    private const string SubscriptionName = "subscription";

    private readonly IReadOnlyDictionary<char, string> _values;

    private MarbleFile(
        string source,
        string scenario,
        TimeSpan frame,
        IReadOnlyList<MarbleFileInput> inputs,
        MarbleDiagram expected,
        MarbleError expectedError,
        MarbleSubscription subscription,
        IReadOnlyDictionary<string, IReadOnlyList<MarbleSubscription>> expectedSubscriptions,
        IReadOnlyDictionary<char, string> values,
        IReadOnlyDictionary<string, string> meta,
        long horizon)
    {
        Source = source;
        Scenario = scenario;
        Frame = frame;
        Inputs = inputs;
        Expected = expected;
        ExpectedError = expectedError;
        Subscription = subscription;
        ExpectedSubscriptions = expectedSubscriptions;
        _values = values;
        Meta = meta;
        Horizon = horizon;
    }

    /// <summary>Where the file came from (relative path or a name), used in every message.</summary>
    public string Source { get; }

    /// <summary>The <c>@scenario</c> name.</summary>
    public string Scenario { get; }

    /// <summary>Virtual time of one '-' (<c>@frame</c>, default 1ms as in RxJS run mode).</summary>
    public TimeSpan Frame { get; }

    /// <summary>Input diagrams in file order.</summary>
    public IReadOnlyList<MarbleFileInput> Inputs { get; }

    /// <summary>The <c>expected</c> diagram; '^' may mark its frame 0 for alignment with hot inputs.</summary>
    public MarbleDiagram Expected { get; }

    /// <summary>What an expected '#' must be.</summary>
    public MarbleError ExpectedError { get; }

    /// <summary>When the scenario is subscribed and disposed (<c>subscription:</c>; default subscribed at 0, disposed at the horizon).</summary>
    public MarbleSubscription Subscription { get; }

    /// <summary>Expected subscription logs per input (<c>name^:</c> lines; a '-'-only line means never subscribed).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<MarbleSubscription>> ExpectedSubscriptions { get; }

    /// <summary>The value table (<c>k = literal</c>).</summary>
    public IReadOnlyDictionary<char, string> Values => _values;

    /// <summary>Every <c>@key value</c> line, known keys included.</summary>
    public IReadOnlyDictionary<string, string> Meta { get; }

    /// <summary>Last observed frame: <c>@horizon</c>, else the last frame of the longest diagram.</summary>
    public long Horizon { get; }

    /// <summary>Earliest frame any hot input starts at (0 or negative).</summary>
    public long FirstFrame => Inputs.Where(i => i.Hot).Select(i => i.Diagram.FirstFrame).Append(0).Min();

    /// <summary>The literal of value <paramref name="key"/>: its table entry, else the character itself.</summary>
    public string Value(char key) => _values.TryGetValue(key, out var literal) ? literal : key.ToString();

    /// <summary>Reads and parses a file; <paramref name="source"/> names it in messages (default: the path).</summary>
    public static MarbleFile Load(string path, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"marble file not found: {path}", path);
        }

        return Parse(File.ReadAllText(path), source ?? path);
    }

    /// <summary>Parses the text of a .marble file; errors carry <paramref name="source"/>:line:column.</summary>
    public static MarbleFile Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        return new Reader(source).Read(text);
    }

    [GeneratedRegex(@"^@(?<key>[A-Za-z][A-Za-z0-9_.\-]*)(?:\s+(?<value>.*))?$")]
    private static partial Regex MetaLine();

    [GeneratedRegex(@"^(?<key>\S)\s*=(?<literal>.*)$")]
    private static partial Regex ValueLine();

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_.\-]*)(?<log>\^)?\s*:(?<diagram>.*)$")]
    private static partial Regex DiagramLine();

    private sealed record Entry(string Text, int Line, int Column);

    private sealed class Reader(string source)
    {
        private readonly Dictionary<string, Entry> _meta = new(StringComparer.Ordinal);
        private readonly Dictionary<char, Entry> _values = [];
        private readonly List<(string Name, Entry Diagram)> _diagrams = [];
        private readonly List<(string Input, Entry Diagram)> _logs = [];

        public MarbleFile Read(string text)
        {
            var lines = text.ReplaceLineEndings("\n").Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                ReadLine(StripComment(lines[i]), i + 1);
            }

            var scenario = Required("scenario");
            var frame = _meta.TryGetValue("frame", out var frameEntry) ? Duration(frameEntry) : TimeSpan.FromMilliseconds(1);
            var hot = _meta.TryGetValue("hot", out var hotEntry)
                ? hotEntry.Text.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal)
                : [];

            var inputNames = _diagrams.Select(d => d.Name).Where(n => n is not ExpectedName and not SubscriptionName).ToHashSet(StringComparer.Ordinal);
            foreach (var name in hot.Where(n => !inputNames.Contains(n)))
            {
                throw Error(hotEntry!, $"@hot names '{name}', which is not an input diagram ({Listed(inputNames)})");
            }

            CheckErrorTargets(inputNames);
            var defaultError = ErrorFor(null);
            var inputs = _diagrams
                .Where(d => inputNames.Contains(d.Name))
                .Select(d => new MarbleFileInput(
                    d.Name,
                    hot.Contains(d.Name),
                    Diagram(d.Diagram, hot.Contains(d.Name) ? MarbleParser.Hot : MarbleParser.Cold, frame, d.Name),
                    ErrorFor(d.Name) ?? defaultError ?? MarbleError.Default,
                    d.Diagram.Line))
                .ToList();

            var expectedEntry = _diagrams.FirstOrDefault(d => d.Name == ExpectedName).Diagram
                ?? throw new MarbleFormatException($"{source}: no 'expected:' diagram");
            var expected = Diagram(expectedEntry, MarbleParser.Hot, frame, ExpectedName);

            var subscriptionEntry = _diagrams.FirstOrDefault(d => d.Name == SubscriptionName).Diagram;
            var subscriptionDiagram = subscriptionEntry is null ? null : SubscriptionDiagram(subscriptionEntry, frame);
            if (subscriptionDiagram is { Subscription: null })
            {
                throw Error(subscriptionEntry!, "the 'subscription' diagram needs a '^' (when the scenario is subscribed)");
            }

            var logs = new Dictionary<string, List<MarbleSubscription>>(StringComparer.Ordinal);
            var logLast = long.MinValue;
            foreach (var (input, entry) in _logs)
            {
                if (!inputNames.Contains(input))
                {
                    throw Error(entry, $"'{input}^' is the subscription log of input '{input}', which has no diagram ({Listed(inputNames)})");
                }

                var log = SubscriptionDiagram(entry, frame);
                logLast = Math.Max(logLast, log.LastFrame);
                var list = logs.TryGetValue(input, out var existing) ? existing : logs[input] = [];
                if (log.Subscription is { } s)
                {
                    list.Add(s);
                }
            }

            var horizon = _meta.TryGetValue("horizon", out var horizonEntry)
                ? Horizon(horizonEntry, frame)
                : inputs.Select(i => i.Diagram.LastFrame)
                    .Append(expected.LastFrame)
                    .Append(subscriptionDiagram?.LastFrame ?? 0)
                    .Append(logLast)
                    .Max();

            return new MarbleFile(
                source,
                scenario,
                frame,
                inputs,
                expected,
                ErrorFor(ExpectedName) ?? defaultError ?? MarbleError.Default,
                subscriptionDiagram?.Subscription ?? new MarbleSubscription(0, null),
                logs.ToDictionary(p => p.Key, p => (IReadOnlyList<MarbleSubscription>)p.Value, StringComparer.Ordinal),
                _values.ToDictionary(p => p.Key, p => p.Value.Text),
                _meta.ToDictionary(p => p.Key, p => p.Value.Text, StringComparer.Ordinal),
                horizon);
        }

        private static (string Text, int Offset) StripComment(string line)
        {
            for (var i = line.IndexOf("//", StringComparison.Ordinal); i >= 0; i = line.IndexOf("//", i + 1, StringComparison.Ordinal))
            {
                if (i == 0 || char.IsWhiteSpace(line[i - 1]))
                {
                    line = line[..i];
                    break;
                }
            }

            var trimmed = line.TrimStart();
            return (trimmed.TrimEnd(), line.Length - trimmed.Length);
        }

        private void ReadLine((string Text, int Offset) line, int number)
        {
            var (text, offset) = line;
            if (text.Length == 0)
            {
                return;
            }

            if (text[0] == '@')
            {
                var meta = MetaLine().Match(text);
                if (!meta.Success || !meta.Groups["value"].Success || meta.Groups["value"].Value.Trim().Length == 0)
                {
                    throw Error(number, offset, $"'{text}' is not '@key value'");
                }

                var key = meta.Groups["key"].Value;
                var entry = At(meta.Groups["value"], number, offset);
                if (!_meta.TryAdd(key, entry))
                {
                    throw Error(number, offset, $"@{key} is already set on line {_meta[key].Line}");
                }

                return;
            }

            var value = ValueLine().Match(text);
            if (value.Success)
            {
                var key = value.Groups["key"].Value[0];
                var entry = At(value.Groups["literal"], number, offset);
                if ("-|#()^!".Contains(key, StringComparison.Ordinal))
                {
                    throw Error(number, offset, $"'{key}' is marble syntax and cannot be a value key");
                }

                if (entry.Text.Length == 0)
                {
                    throw Error(number, offset, $"value '{key}' has no literal");
                }

                if (!_values.TryAdd(key, entry))
                {
                    throw Error(number, offset, $"value '{key}' is already defined on line {_values[key].Line}");
                }

                return;
            }

            var diagram = DiagramLine().Match(text);
            if (!diagram.Success)
            {
                throw Error(number, offset, $"'{text}' is not '@key value', 'name: diagram' or 'k = literal'");
            }

            var name = diagram.Groups["name"].Value;
            var group = diagram.Groups["diagram"];
            var diagramEntry = new Entry(group.Value, number, offset + group.Index + 1);
            if (diagram.Groups["log"].Success)
            {
                _logs.Add((name, diagramEntry));
                return;
            }

            if (_diagrams.FirstOrDefault(d => d.Name == name).Diagram is { } previous)
            {
                throw Error(number, offset, $"diagram '{name}' is already defined on line {previous.Line}");
            }

            _diagrams.Add((name, diagramEntry));
        }

        private static Entry At(Group group, int line, int offset)
        {
            var untrimmed = group.Value;
            var leading = untrimmed.Length - untrimmed.TrimStart().Length;
            return new Entry(untrimmed.Trim(), line, offset + group.Index + leading + 1);
        }

        private string Required(string key) =>
            _meta.TryGetValue(key, out var entry)
                ? entry.Text
                : throw new MarbleFormatException($"{source}: missing @{key}");

        private TimeSpan Duration(Entry entry)
        {
            if (!MarbleDuration.TryParse(entry.Text, out var duration) || duration <= TimeSpan.Zero)
            {
                throw Error(entry, $"'{entry.Text}' is not a positive duration (e.g. 10ms, 1s, 10m, 1h)");
            }

            return duration;
        }

        private long Horizon(Entry entry, TimeSpan frame)
        {
            if (long.TryParse(entry.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var frames))
            {
                return frames;
            }

            var duration = Duration(entry);
            return duration.Ticks % frame.Ticks == 0
                ? duration.Ticks / frame.Ticks
                : throw Error(entry, $"@horizon {entry.Text} is not a whole number of {MarbleDuration.Format(frame)} frames");
        }

        private void CheckErrorTargets(HashSet<string> inputNames)
        {
            foreach (var (key, entry) in _meta.Where(m => m.Key.StartsWith("error.", StringComparison.Ordinal)))
            {
                var target = key["error.".Length..];
                if (target != ExpectedName && !inputNames.Contains(target))
                {
                    throw Error(entry, $"@{key} names '{target}', which is neither 'expected' nor an input ({Listed(inputNames)})");
                }
            }
        }

        private MarbleError? ErrorFor(string? diagram)
        {
            var key = diagram is null ? "error" : "error." + diagram;
            if (!_meta.TryGetValue(key, out var entry))
            {
                return null;
            }

            try
            {
                return MarbleError.Parse(entry.Text);
            }
            catch (MarbleFormatException e)
            {
                throw Error(entry, e.Message);
            }
        }

        private MarbleDiagram Diagram(Entry entry, Func<string, TimeSpan, MarbleDiagram> parse, TimeSpan frame, string name)
        {
            try
            {
                return parse(entry.Text, frame);
            }
            catch (MarbleFormatException e)
            {
                throw Error(entry.Line, entry.Column - 1 + (e.Position ?? 0), $"diagram '{name}': {e.Message}", e);
            }
        }

        private MarbleSubscriptionDiagram SubscriptionDiagram(Entry entry, TimeSpan frame)
        {
            try
            {
                return MarbleParser.Subscription(entry.Text, frame);
            }
            catch (MarbleFormatException e)
            {
                throw Error(entry.Line, entry.Column - 1 + (e.Position ?? 0), $"subscription diagram: {e.Message}", e);
            }
        }

        private static string Listed(IEnumerable<string> names)
        {
            var list = names.ToList();
            return list.Count == 0 ? "the file has no inputs" : "inputs: " + string.Join(", ", list);
        }

        private MarbleFormatException Error(Entry entry, string message) => Error(entry.Line, entry.Column - 1, message);

        private MarbleFormatException Error(int line, int offset, string message, Exception? inner = null)
        {
            var text = $"{source}:{line}:{offset + 1}: {message}";
            return inner is null ? new MarbleFormatException(text) : new MarbleFormatException(text, inner);
        }
    }
}
