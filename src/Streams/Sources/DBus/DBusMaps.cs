namespace Streams.Sources.DBus;

/// <summary>
/// The nested dictionaries of the standard interfaces: <c>a{sv}</c> property maps,
/// <c>a{sa{sv}}</c> interface maps and <c>a{oa{sa{sv}}}</c> managed-object maps, both ways.
/// Reading is lenient about order and keeps the last of duplicate keys; variants are unwrapped.
/// </summary>
internal static class DBusMaps
{
    public static readonly DBusType PropertyMapType = DBusType.DictionaryOf(DBusType.String, DBusType.Variant);
    public static readonly DBusType InterfaceMapType = DBusType.DictionaryOf(DBusType.String, PropertyMapType);
    public static readonly DBusType ManagedObjectsType = DBusType.DictionaryOf(DBusType.ObjectPath, InterfaceMapType);

    public static DBusDictionary ToPropertyMap(IReadOnlyDictionary<string, DBusValue> properties) =>
        DBusValue.StringVariantMap(properties);

    public static DBusDictionary ToInterfaceMap(IReadOnlyDictionary<string, IReadOnlyDictionary<string, DBusValue>> interfaces) =>
        new(
            DBusType.String,
            PropertyMapType,
            interfaces.Select(i => new KeyValuePair<DBusValue, DBusValue>(new DBusString(i.Key), ToPropertyMap(i.Value))));

    public static DBusDictionary ToManagedObjects(IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, DBusValue>>> objects) =>
        new(
            DBusType.ObjectPath,
            InterfaceMapType,
            objects.Select(o => new KeyValuePair<DBusValue, DBusValue>(new DBusObjectPath(o.Key), ToInterfaceMap(o.Value))));

    public static bool TryReadPropertyMap(DBusValue value, out IReadOnlyDictionary<string, DBusValue> properties)
    {
        if (value is DBusDictionary map && map.Type.Equals(PropertyMapType))
        {
            properties = map.ToTextKeyed();
            return true;
        }

        properties = null!;
        return false;
    }

    public static bool TryReadInterfaceMap(DBusValue value, out IReadOnlyDictionary<string, IReadOnlyDictionary<string, DBusValue>> interfaces)
    {
        interfaces = null!;
        if (value is not DBusDictionary map || !map.Type.Equals(InterfaceMapType))
        {
            return false;
        }

        var result = new Dictionary<string, IReadOnlyDictionary<string, DBusValue>>(StringComparer.Ordinal);
        foreach (var (key, properties) in map.Entries)
        {
            TryReadPropertyMap(properties, out var read);
            result[((DBusString)key).Value] = read;
        }

        interfaces = result;
        return true;
    }

    public static bool TryReadManagedObjects(
        DBusValue value, out IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, DBusValue>>> objects)
    {
        objects = null!;
        if (value is not DBusDictionary map || !map.Type.Equals(ManagedObjectsType))
        {
            return false;
        }

        var result = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, DBusValue>>>(StringComparer.Ordinal);
        foreach (var (key, interfaces) in map.Entries)
        {
            TryReadInterfaceMap(interfaces, out var read);
            result[((DBusObjectPath)key).Value] = read;
        }

        objects = result;
        return true;
    }

    public static IReadOnlyList<string> ReadStrings(DBusArray array) => [.. array.Items.OfType<DBusString>().Select(s => s.Value)];
}
