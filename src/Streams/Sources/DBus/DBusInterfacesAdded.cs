namespace Streams.Sources.DBus;

/// <summary>
/// The <c>org.freedesktop.DBus.ObjectManager.InterfacesAdded(oa{sa{sv}})</c> signal: an object
/// (e.g. a discovered BlueZ device) gained interfaces, listed with their properties.
/// </summary>
public sealed record DBusInterfacesAdded(
    string ManagerPath,
    string ObjectPath,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, DBusValue>> Interfaces)
{
    /// <summary>Reads the signal; false for any other message or a body of another shape.</summary>
    public static bool TryParse(DBusMessage signal, out DBusInterfacesAdded added)
    {
        ArgumentNullException.ThrowIfNull(signal);
        added = null!;
        if (signal.Type != DBusMessageType.Signal || signal.Interface != DBusObjectManager.Interface || signal.Member != "InterfacesAdded"
            || signal.Body.Length != 2 || signal.Body[0] is not DBusObjectPath path
            || !DBusMaps.TryReadInterfaceMap(signal.Body[1], out var interfaces))
        {
            return false;
        }

        added = new DBusInterfacesAdded(signal.Path!, path.Value, interfaces);
        return true;
    }

    /// <summary>The signal message, for a served object manager to <see cref="DBusConnection.Send"/>.</summary>
    public DBusMessage ToSignal() =>
        DBusMessage.Signal(ManagerPath, DBusObjectManager.Interface, "InterfacesAdded", new DBusObjectPath(ObjectPath), DBusMaps.ToInterfaceMap(Interfaces));
}
