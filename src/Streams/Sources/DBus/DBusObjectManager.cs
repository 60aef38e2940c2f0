using System.Reactive.Linq;

namespace Streams.Sources.DBus;

/// <summary>
/// <c>org.freedesktop.DBus.ObjectManager</c> as calls on a connection: GetManagedObjects and the
/// InterfacesAdded / InterfacesRemoved signals (BlueZ serves it at <c>/</c>).
/// </summary>
public static class DBusObjectManager
{
    public const string Interface = "org.freedesktop.DBus.ObjectManager";

    /// <summary>Every object below the manager: object path → interface name → property name → value.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, DBusValue>>>> GetManagedObjectsAsync(
        this DBusConnection connection, string destination, string path, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var reply = await connection.CallAsync(
            DBusMessage.MethodCall(destination, path, Interface, "GetManagedObjects"), timeout, cancellationToken).ConfigureAwait(false);
        return reply.Body.Length == 1 && DBusMaps.TryReadManagedObjects(reply.Body[0], out var objects)
            ? objects
            : throw new DBusProtocolException($"GetManagedObjects returned '{reply.Signature}', not 'a{{oa{{sa{{sv}}}}}}'.");
    }

    /// <summary>The <c>a{oa{sa{sv}}}</c> reply body for a served object manager.</summary>
    public static DBusValue ManagedObjectsValue(IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, DBusValue>>> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        return DBusMaps.ToManagedObjects(objects);
    }

    /// <summary>InterfacesAdded from <paramref name="sender"/> (null: anyone), from the manager at <paramref name="managerPath"/> (null: any).</summary>
    public static IObservable<DBusInterfacesAdded> InterfacesAdded(this DBusConnection connection, string? sender, string? managerPath = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.WatchSignals(Rule(sender, managerPath, "InterfacesAdded"))
            .Select(signal => DBusInterfacesAdded.TryParse(signal, out var added) ? added : null)
            .Where(added => added is not null)
            .Select(added => added!);
    }

    /// <summary>InterfacesRemoved from <paramref name="sender"/> (null: anyone), from the manager at <paramref name="managerPath"/> (null: any).</summary>
    public static IObservable<DBusInterfacesRemoved> InterfacesRemoved(this DBusConnection connection, string? sender, string? managerPath = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.WatchSignals(Rule(sender, managerPath, "InterfacesRemoved"))
            .Select(signal => DBusInterfacesRemoved.TryParse(signal, out var removed) ? removed : null)
            .Where(removed => removed is not null)
            .Select(removed => removed!);
    }

    private static DBusMatchRule Rule(string? sender, string? managerPath, string member) => new()
    {
        Sender = sender,
        Interface = Interface,
        Member = member,
        Path = managerPath,
    };
}
