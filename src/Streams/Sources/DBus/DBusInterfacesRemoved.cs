namespace Streams.Sources.DBus;

/// <summary>
/// The <c>org.freedesktop.DBus.ObjectManager.InterfacesRemoved(oas)</c> signal: an object lost
/// interfaces (all of them when it disappears, e.g. a BlueZ device after link loss).
/// </summary>
public sealed record DBusInterfacesRemoved(string ManagerPath, string ObjectPath, IReadOnlyList<string> Interfaces)
{
    /// <summary>Reads the signal; false for any other message or a body of another shape.</summary>
    public static bool TryParse(DBusMessage signal, out DBusInterfacesRemoved removed)
    {
        ArgumentNullException.ThrowIfNull(signal);
        removed = null!;
        if (signal.Type != DBusMessageType.Signal || signal.Interface != DBusObjectManager.Interface || signal.Member != "InterfacesRemoved"
            || signal.Body.Length != 2 || signal.Body[0] is not DBusObjectPath path
            || signal.Body[1] is not DBusArray { ElementType.Code: DBusTypeCode.String } interfaces)
        {
            return false;
        }

        removed = new DBusInterfacesRemoved(signal.Path!, path.Value, DBusMaps.ReadStrings(interfaces));
        return true;
    }

    /// <summary>The signal message, for a served object manager to <see cref="DBusConnection.Send"/>.</summary>
    public DBusMessage ToSignal() =>
        DBusMessage.Signal(ManagerPath, DBusObjectManager.Interface, "InterfacesRemoved", new DBusObjectPath(ObjectPath), DBusArray.OfStrings(Interfaces));
}
