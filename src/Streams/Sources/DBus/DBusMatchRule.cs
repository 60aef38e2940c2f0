using System.Text;

namespace Streams.Sources.DBus;

/// <summary>
/// A bus match rule (the AddMatch string), e.g. PropertiesChanged from <c>org.bluez</c> under
/// <c>/org/bluez</c>. The bus uses it to route signals to the connection; the connection uses the
/// same fields to hand each signal only to the subscriptions whose rule it matches.
/// </summary>
public sealed record DBusMatchRule
{
    /// <summary>The message type; <see cref="DBusConnection.WatchSignals"/> always uses signals.</summary>
    public DBusMessageType? Type { get; init; } = DBusMessageType.Signal;

    /// <summary>A unique (<c>:1.42</c>) or well-known (<c>org.bluez</c>) name; a well-known name follows its current owner.</summary>
    public string? Sender { get; init; }

    public string? Interface { get; init; }

    public string? Member { get; init; }

    /// <summary>Exactly this object path.</summary>
    public string? Path { get; init; }

    /// <summary>This path or any path below it (<c>path_namespace</c>); excludes <see cref="Path"/>.</summary>
    public string? PathNamespace { get; init; }

    public string? Destination { get; init; }

    /// <summary>The first body argument, which must be a string equal to this.</summary>
    public string? Arg0 { get; init; }

    /// <summary>The rule as the bus expects it: <c>type='signal',sender='org.bluez',…</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        Append(text, "type", Type switch
        {
            null => null,
            DBusMessageType.MethodCall => "method_call",
            DBusMessageType.MethodReturn => "method_return",
            DBusMessageType.Error => "error",
            DBusMessageType.Signal => "signal",
            _ => throw new InvalidOperationException($"Message type {Type} cannot be matched."),
        });
        Append(text, "sender", Sender);
        Append(text, "interface", Interface);
        Append(text, "member", Member);
        Append(text, "path", Path);
        Append(text, "path_namespace", PathNamespace);
        Append(text, "destination", Destination);
        Append(text, "arg0", Arg0);
        return text.ToString();
    }

    /// <summary>Null when the rule can be sent; otherwise why not.</summary>
    internal string? FindProblem()
    {
        if (Path is not null && PathNamespace is not null)
        {
            return "path and path_namespace cannot both be set";
        }

        return Check(Sender, DBusNames.IsValidBusName, "sender")
            ?? Check(Interface, DBusNames.IsValidInterfaceName, "interface")
            ?? Check(Member, DBusNames.IsValidMemberName, "member")
            ?? Check(Path, DBusNames.IsValidObjectPath, "path")
            ?? Check(PathNamespace, DBusNames.IsValidObjectPath, "path_namespace")
            ?? Check(Destination, DBusNames.IsValidBusName, "destination");
    }

    /// <summary>
    /// Whether <paramref name="message"/> satisfies every field. A well-known <see cref="Sender"/>
    /// matches the message's sender through <paramref name="senderOwner"/>, its current owner.
    /// </summary>
    internal bool Matches(DBusMessage message, string? senderOwner)
    {
        if (Type is { } type && message.Type != type)
        {
            return false;
        }

        if (Sender is not null && message.Sender != Sender && (senderOwner is null || message.Sender != senderOwner))
        {
            return false;
        }

        if ((Interface is not null && message.Interface != Interface)
            || (Member is not null && message.Member != Member)
            || (Path is not null && message.Path != Path)
            || (Destination is not null && message.Destination != Destination))
        {
            return false;
        }

        if (PathNamespace is not null && !IsInNamespace(message.Path, PathNamespace))
        {
            return false;
        }

        return Arg0 is null || (message.Body.Length > 0 && message.Body[0] is DBusString first && first.Value == Arg0);
    }

    private static bool IsInNamespace(string? path, string space) =>
        path is not null
        && (space == "/" || path == space || (path.StartsWith(space, StringComparison.Ordinal) && path.Length > space.Length && path[space.Length] == '/'));

    private static string? Check(string? value, Func<string, bool> isValid, string key) =>
        value is null || isValid(value) ? null : $"{key} '{value}' is not valid";

    private static void Append(StringBuilder text, string key, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (text.Length > 0)
        {
            text.Append(',');
        }

        // Inside quotes nothing is special; an apostrophe ends the quote, is escaped, and reopens it.
        text.Append(key).Append("='").Append(value.Replace("'", @"'\''", StringComparison.Ordinal)).Append('\'');
    }
}
