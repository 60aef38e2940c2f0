namespace Streams.Sources.DBus;

/// <summary>
/// The <c>org.freedesktop.DBus.Properties.PropertiesChanged(sa{sv}as)</c> signal of one object:
/// new values (variants unwrapped) and the names of properties that changed without a value.
/// </summary>
public sealed record DBusPropertiesChanged(
    string Path,
    string Interface,
    IReadOnlyDictionary<string, DBusValue> Changed,
    IReadOnlyList<string> Invalidated)
{
    /// <summary>Reads the signal; false for any other message or a body of another shape.</summary>
    public static bool TryParse(DBusMessage signal, out DBusPropertiesChanged change)
    {
        ArgumentNullException.ThrowIfNull(signal);
        change = null!;
        if (signal.Type != DBusMessageType.Signal || signal.Interface != DBusProperties.Interface || signal.Member != "PropertiesChanged"
            || signal.Body.Length != 3 || signal.Body[0] is not DBusString iface
            || !DBusMaps.TryReadPropertyMap(signal.Body[1], out var changed)
            || signal.Body[2] is not DBusArray { ElementType.Code: DBusTypeCode.String } invalidated)
        {
            return false;
        }

        change = new DBusPropertiesChanged(signal.Path!, iface.Value, changed, DBusMaps.ReadStrings(invalidated));
        return true;
    }

    /// <summary>The signal message, for a served object to <see cref="DBusConnection.Send"/>.</summary>
    public DBusMessage ToSignal() =>
        DBusMessage.Signal(Path, DBusProperties.Interface, "PropertiesChanged", new DBusString(Interface), DBusMaps.ToPropertyMap(Changed), DBusArray.OfStrings(Invalidated));
}
