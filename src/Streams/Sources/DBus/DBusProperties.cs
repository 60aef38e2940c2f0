using System.Reactive.Linq;

namespace Streams.Sources.DBus;

/// <summary>
/// <c>org.freedesktop.DBus.Properties</c> as calls on a connection: Get, Set, GetAll and the
/// PropertiesChanged signal. Property values are returned with their variant unwrapped.
/// </summary>
public static class DBusProperties
{
    public const string Interface = "org.freedesktop.DBus.Properties";

    public static async Task<DBusValue> GetPropertyAsync(
        this DBusConnection connection, string destination, string path, string @interface, string name, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var reply = await connection.CallAsync(
            DBusMessage.MethodCall(destination, path, Interface, "Get", new DBusString(@interface), new DBusString(name)), timeout, cancellationToken).ConfigureAwait(false);
        return reply.TryGetArgument<DBusVariant>(0, out var value)
            ? value.Value
            : throw new DBusProtocolException($"Properties.Get of {@interface}.{name} returned '{reply.Signature}', not 'v'.");
    }

    /// <summary>Sets a property; <paramref name="value"/> is wrapped in the variant the method expects.</summary>
    public static Task SetPropertyAsync(
        this DBusConnection connection, string destination, string path, string @interface, string name, DBusValue value, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(value);
        return connection.CallAsync(
            DBusMessage.MethodCall(destination, path, Interface, "Set", new DBusString(@interface), new DBusString(name), new DBusVariant(value)), timeout, cancellationToken);
    }

    public static async Task<IReadOnlyDictionary<string, DBusValue>> GetAllPropertiesAsync(
        this DBusConnection connection, string destination, string path, string @interface, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var reply = await connection.CallAsync(
            DBusMessage.MethodCall(destination, path, Interface, "GetAll", new DBusString(@interface)), timeout, cancellationToken).ConfigureAwait(false);
        return reply.Body.Length == 1 && DBusMaps.TryReadPropertyMap(reply.Body[0], out var properties)
            ? properties
            : throw new DBusProtocolException($"Properties.GetAll of {@interface} returned '{reply.Signature}', not 'a{{sv}}'.");
    }

    /// <summary>
    /// PropertiesChanged signals from <paramref name="sender"/> (null: anyone), for objects at or
    /// below <paramref name="pathNamespace"/> (null: anywhere), for <paramref name="interface"/>
    /// only (null: any). Signals of another shape are skipped.
    /// <code>
    /// bus:     --PC(/org/bluez/hci0/dev_X, Device1, {Connected: true})--
    /// result:  --{Path, "org.bluez.Device1", {Connected: true}, []}--
    /// </code>
    /// </summary>
    public static IObservable<DBusPropertiesChanged> PropertiesChanged(
        this DBusConnection connection, string? sender, string? pathNamespace = null, string? @interface = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rule = new DBusMatchRule
        {
            Sender = sender,
            Interface = Interface,
            Member = "PropertiesChanged",
            PathNamespace = pathNamespace,
            Arg0 = @interface,
        };
        return connection.WatchSignals(rule)
            .Select(signal => DBusPropertiesChanged.TryParse(signal, out var change) ? change : null)
            .Where(change => change is not null)
            .Select(change => change!);
    }
}
