using System.Reactive.Linq;

namespace Streams.Sources.DBus;

/// <summary>
/// The message bus's own methods and signals (<c>org.freedesktop.DBus</c>) as calls on a
/// connection: name ownership, name listing, and NameOwnerChanged as an observable.
/// </summary>
public static class DBusBus
{
    public const string Name = "org.freedesktop.DBus";
    public const string Path = "/org/freedesktop/DBus";
    public const string Interface = "org.freedesktop.DBus";

    /// <summary>Every name currently on the bus, unique and well-known.</summary>
    public static async Task<IReadOnlyList<string>> ListNamesAsync(this DBusConnection connection, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var reply = await CallBusAsync(connection, "ListNames", timeout, cancellationToken).ConfigureAwait(false);
        return reply.TryGetArgument<DBusArray>(0, out var names)
            ? [.. names.Items.OfType<DBusString>().Select(s => s.Value)]
            : throw Unexpected("ListNames", reply);
    }

    /// <summary>Asks to own <paramref name="name"/> (so that other clients can call it by that name).</summary>
    public static async Task<DBusRequestNameReply> RequestNameAsync(
        this DBusConnection connection, string name, DBusRequestNameFlags flags, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var reply = await CallBusAsync(connection, "RequestName", timeout, cancellationToken, new DBusString(name), new DBusUInt32((uint)flags)).ConfigureAwait(false);
        return reply.TryGetArgument<DBusUInt32>(0, out var code)
            ? (DBusRequestNameReply)code.Value
            : throw Unexpected("RequestName", reply);
    }

    /// <summary>Gives up <paramref name="name"/>; returns the bus's code (1 released, 2 non-existent, 3 not owner).</summary>
    public static async Task<uint> ReleaseNameAsync(this DBusConnection connection, string name, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var reply = await CallBusAsync(connection, "ReleaseName", timeout, cancellationToken, new DBusString(name)).ConfigureAwait(false);
        return reply.TryGetArgument<DBusUInt32>(0, out var code) ? code.Value : throw Unexpected("ReleaseName", reply);
    }

    /// <summary>The unique name owning <paramref name="name"/>, or null when nobody owns it.</summary>
    public static async Task<string?> GetNameOwnerAsync(this DBusConnection connection, string name, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            var reply = await CallBusAsync(connection, "GetNameOwner", timeout, cancellationToken, new DBusString(name)).ConfigureAwait(false);
            return reply.TryGetArgument<DBusString>(0, out var owner) ? owner.Value : throw Unexpected("GetNameOwner", reply);
        }
        catch (DBusErrorException error) when (error.ErrorName == "org.freedesktop.DBus.Error.NameHasNoOwner")
        {
            return null;
        }
    }

    /// <summary>
    /// NameOwnerChanged signals, for <paramref name="name"/> only or (null) for every name. A
    /// bluetoothd restart shows up as <c>org.bluez</c> losing its owner and gaining a new one.
    /// <code>
    /// bus:      --(org.bluez :1.5→∅)----(org.bluez ∅→:1.9)--
    /// result:   --{org.bluez, :1.5, null}--{org.bluez, null, :1.9}--
    /// </code>
    /// Fails with <see cref="DBusConnectionClosedException"/> when the connection is lost.
    /// </summary>
    public static IObservable<DBusNameOwnerChange> NameOwnerChanged(this DBusConnection connection, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.WatchSignals(NameOwnerChangedRule(name))
            .Select(signal => TryParseNameOwnerChanged(signal, out var change) ? change : null)
            .Where(change => change is not null)
            .Select(change => change!);
    }

    internal static DBusMatchRule NameOwnerChangedRule(string? name) => new()
    {
        Sender = Name,
        Interface = Interface,
        Member = "NameOwnerChanged",
        Path = Path,
        Arg0 = name,
    };

    internal static bool TryParseNameOwnerChanged(DBusMessage signal, out DBusNameOwnerChange change)
    {
        change = null!;
        if (signal.Type != DBusMessageType.Signal || signal.Member != "NameOwnerChanged" || signal.Interface != Interface
            || signal.Sender != Name || signal.Body.Length != 3
            || signal.Body[0] is not DBusString name || signal.Body[1] is not DBusString oldOwner || signal.Body[2] is not DBusString newOwner)
        {
            return false;
        }

        change = new DBusNameOwnerChange(name.Value, NullIfEmpty(oldOwner.Value), NullIfEmpty(newOwner.Value));
        return true;
    }

    internal static DBusMessage Call(string member, params DBusValue[] args) => DBusMessage.MethodCall(Name, Path, Interface, member, args);

    private static Task<DBusMessage> CallBusAsync(DBusConnection connection, string member, TimeSpan timeout, CancellationToken cancellationToken, params DBusValue[] args)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.CallAsync(Call(member, args), timeout, cancellationToken);
    }

    private static DBusProtocolException Unexpected(string member, DBusMessage reply) =>
        new($"The bus answered {member} with the unexpected signature '{reply.Signature}'.");

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
