namespace Streams.Testing.Marbles;

/// <summary>Maps actual values back to diagram keys: the file's key for a known literal, else a fresh key.</summary>
internal sealed class MarbleLegend
{
    private const string Syntax = "-|#()^!";
    private const string Spare = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789αβγδεζηθικλμνξπρστυφχψω";

    private readonly Dictionary<string, char> _byLiteral = new(StringComparer.Ordinal);
    private readonly HashSet<char> _taken = [];
    private readonly List<(char Key, string Literal)> _extras = [];

    public MarbleLegend(MarbleFile file)
    {
        foreach (var (key, literal) in file.Values.OrderBy(v => v.Key))
        {
            _byLiteral.TryAdd(literal, key);
            _taken.Add(key);
        }

        foreach (var e in file.Inputs.SelectMany(i => i.Diagram.Events).Concat(file.Expected.Events))
        {
            if (e.Kind == MarbleEventKind.Next && _taken.Add(e.Key))
            {
                _byLiteral.TryAdd(file.Value(e.Key), e.Key);
            }
        }
    }

    /// <summary>Keys invented for actual values the file does not mention.</summary>
    public IReadOnlyList<(char Key, string Literal)> Extras => _extras;

    public char KeyFor(string? value)
    {
        var literal = value ?? "null";
        if (_byLiteral.TryGetValue(literal, out var key))
        {
            return key;
        }

        key = literal.Length == 1 && !char.IsWhiteSpace(literal[0]) && !Syntax.Contains(literal[0], StringComparison.Ordinal)
            && !_taken.Contains(literal[0]) && value is not null
            ? literal[0]
            : Spare.FirstOrDefault(c => !_taken.Contains(c), '?');
        _taken.Add(key);
        _byLiteral[literal] = key;
        if (key.ToString() != literal)
        {
            _extras.Add((key, literal));
        }

        return key;
    }
}
