using System.Collections.Concurrent;
using System.Reflection;

namespace Streams.Testing.Marbles;

/// <summary>
/// What a '#' stands for: an exception type (simple or full name) and optionally its message, written
/// <c>TimeoutException:no reply</c> in <c>@error</c>. Errors are compared by type and message, never by
/// reference. Without a message, an expected '#' accepts any message of that type.
/// </summary>
public sealed record MarbleError(string Type, string? Message)
{
    private static readonly ConcurrentDictionary<string, Type> Resolved = new(StringComparer.Ordinal);

    /// <summary>The '#' of a file without <c>@error</c>: <c>Exception:error</c>, as RxJS uses the string 'error'.</summary>
    public static MarbleError Default { get; } = new("Exception", "error");

    /// <summary>Parses <c>Type</c> or <c>Type:message</c> (the message may itself contain ':').</summary>
    public static MarbleError Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var type = (colon < 0 ? spec : spec[..colon]).Trim();
        if (type.Length == 0 || type.Any(char.IsWhiteSpace))
        {
            throw new MarbleFormatException($"'{spec}' is not an error (expected Type or Type:message, e.g. TimeoutException:no reply)");
        }

        return new MarbleError(type, colon < 0 ? null : spec[(colon + 1)..].Trim());
    }

    /// <summary>The error an actual exception is recorded as: full type name and message.</summary>
    public static MarbleError Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new MarbleError(exception.GetType().FullName ?? exception.GetType().Name, exception.Message);
    }

    /// <summary>True when <paramref name="actual"/> (see <see cref="Of"/>) is this expected error.</summary>
    public bool Accepts(MarbleError actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        var typeMatches = actual.Type == Type || actual.Type.EndsWith("." + Type, StringComparison.Ordinal)
            || actual.Type.EndsWith("+" + Type, StringComparison.Ordinal);
        return typeMatches && (Message is null || Message == actual.Message);
    }

    /// <summary>Instantiates the exception an input's '#' raises; the type needs a public (string message) constructor.</summary>
    public Exception Create()
    {
        var type = Resolved.GetOrAdd(Type, Resolve);
        return (Exception)Activator.CreateInstance(type, Message ?? "error")!;
    }

    /// <inheritdoc />
    public override string ToString() => Message is null ? Type : $"{Type}: {Message}";

    private static Type Resolve(string name)
    {
        if (System.Type.GetType(name) is { } exact && IsUsable(exact))
        {
            return exact;
        }

        var candidates = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic)
            .SelectMany(LoadableTypes)
            .Where(t => IsUsable(t) && (t.FullName == name || t.Name == name))
            .Distinct()
            .ToList();
        var byFullName = candidates.Where(t => t.FullName == name).ToList();
        if (byFullName.Count == 1)
        {
            return byFullName[0];
        }

        // A short name such as TimeoutException means the BCL's when another library reuses it.
        var core = candidates.Where(t => t.Assembly == typeof(Exception).Assembly).ToList();
        if (core.Count == 1)
        {
            return core[0];
        }

        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new MarbleFormatException(
                $"@error type '{name}' is not a loaded Exception type with a public (string message) constructor"),
            _ => throw new MarbleFormatException(
                $"@error type '{name}' is ambiguous ({string.Join(", ", candidates.Select(t => t.FullName))}); use the full name"),
        };
    }

    private static bool IsUsable(Type type) =>
        typeof(Exception).IsAssignableFrom(type) && !type.IsAbstract && !type.ContainsGenericParameters
        && type.GetConstructor([typeof(string)]) is not null;

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            return partial.Types.OfType<Type>();
        }
    }
}
