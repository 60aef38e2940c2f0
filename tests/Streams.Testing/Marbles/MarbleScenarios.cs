using System.Reflection;

namespace Streams.Testing.Marbles;

/// <summary>The scenario table: <c>@scenario</c> name → code under test.</summary>
public sealed class MarbleScenarios
{
    private readonly IReadOnlyDictionary<string, Func<IMarbleContext, IObservable<string>>> _table;

    /// <summary>A table given explicitly (e.g. for harness tests).</summary>
    public MarbleScenarios(IReadOnlyDictionary<string, Func<IMarbleContext, IObservable<string>>> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
    }

    /// <summary>Every scenario name, sorted.</summary>
    public IReadOnlyList<string> Names => _table.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Finds every <see cref="MarbleScenarioAttribute"/> method in <paramref name="assemblies"/> (any type,
    /// any visibility) and checks it is <c>static IObservable&lt;string&gt; M(IMarbleContext)</c> with a unique name.
    /// Throws <see cref="InvalidOperationException"/> listing every offending method.
    /// </summary>
    public static MarbleScenarios In(params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var problems = new List<string>();
        var table = new Dictionary<string, Func<IMarbleContext, IObservable<string>>>(StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        const BindingFlags everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static
            | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (var method in assemblies.Distinct().SelectMany(a => a.GetTypes()).SelectMany(t => t.GetMethods(everything)))
        {
            if (method.GetCustomAttribute<MarbleScenarioAttribute>() is not { } attribute)
            {
                continue;
            }

            var where = $"{method.DeclaringType?.FullName}.{method.Name}";
            if (SignatureProblem(method) is { } problem)
            {
                problems.Add($"{where}: {problem}; a [MarbleScenario] must be 'static IObservable<string> {method.Name}(IMarbleContext ctx)'");
                continue;
            }

            if (string.IsNullOrWhiteSpace(attribute.Name))
            {
                problems.Add($"{where}: [MarbleScenario] needs a name");
                continue;
            }

            if (!owners.TryAdd(attribute.Name, where))
            {
                problems.Add($"{where}: scenario '{attribute.Name}' is already implemented by {owners[attribute.Name]}");
                continue;
            }

            table.Add(attribute.Name, method.CreateDelegate<Func<IMarbleContext, IObservable<string>>>());
        }

        return problems.Count == 0
            ? new MarbleScenarios(table)
            : throw new InvalidOperationException("invalid marble scenarios:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
    }

    /// <summary>The scenario called <paramref name="name"/>, if any.</summary>
    public bool TryGet(string name, out Func<IMarbleContext, IObservable<string>> scenario) =>
        _table.TryGetValue(name, out scenario!);

    /// <summary>The scenario called <paramref name="name"/>, or an error naming <paramref name="source"/> and the known scenarios.</summary>
    public Func<IMarbleContext, IObservable<string>> Get(string name, string source) =>
        TryGet(name, out var scenario)
            ? scenario
            : throw new InvalidOperationException(
                $"{source}: no [MarbleScenario(\"{name}\")] method implements @scenario {name} (known: {string.Join(", ", Names)})");

    private static string? SignatureProblem(MethodInfo method)
    {
        var parameters = method.GetParameters();
        return method switch
        {
            { IsStatic: false } => "it is an instance method",
            { IsGenericMethodDefinition: true } => "it is generic",
            _ when method.ReturnType != typeof(IObservable<string>) => $"it returns {method.ReturnType.Name}",
            _ when parameters.Length != 1 || parameters[0].ParameterType != typeof(IMarbleContext) =>
                $"it takes ({string.Join(", ", parameters.Select(p => p.ParameterType.Name))})",
            _ => null,
        };
    }
}
