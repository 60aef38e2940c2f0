using Tmds.DBus.Protocol;

namespace Streams.Transports.Bluetooth.Proxies;

/// <summary><c>org.freedesktop.DBus.ObjectManager</c> at BlueZ's root: GetManagedObjects, InterfacesAdded and InterfacesRemoved.</summary>
internal sealed class ObjectManagerProxy(DBusConnection bus)
{
    private const string ManagedObjectsSignature = "a{oa{sa{sv}}}";

    /// <summary>Every object BlueZ has, by path.</summary>
    public Task<BlueZObjectTree> GetManagedObjectsAsync(CancellationToken cancellationToken) =>
        BlueZCall.Send(
            bus,
            BlueZCall.Message(bus, BlueZ.RootPath, BlueZ.ObjectManager, "GetManagedObjects"),
            static (message, _) => new BlueZObjectTree(ReadManagedObjects(message)),
            "ObjectManager.GetManagedObjects",
            BlueZCall.Timeout,
            cancellationToken);

    public Task<IDisposable> WatchInterfacesAddedAsync(Action<BlueZObject> onAdded, Action<string> onEnd) =>
        BlueZSignals.WatchAsync(bus, Rule("InterfacesAdded"), static (message, _) => ReadAdded(message), onAdded, onEnd);

    /// <summary>The paths of objects that lost interfaces (a removed device, service or characteristic loses all of them).</summary>
    public Task<IDisposable> WatchInterfacesRemovedAsync(Action<string> onRemoved, Action<string> onEnd) =>
        BlueZSignals.WatchAsync(bus, Rule("InterfacesRemoved"), static (message, _) => ReadRemoved(message), onRemoved, onEnd);

    private static MatchRule Rule(string member) => new() { Path = BlueZ.RootPath, Interface = BlueZ.ObjectManager, Member = member };

    private static Dictionary<string, BlueZObject> ReadManagedObjects(Message message)
    {
        if (message.SignatureAsString != ManagedObjectsSignature)
        {
            throw new InvalidDataException($"BlueZ answered GetManagedObjects with signature '{message.SignatureAsString}', not '{ManagedObjectsSignature}'");
        }

        var reader = message.GetBodyReader();
        var objects = new Dictionary<string, BlueZObject>(StringComparer.Ordinal);
        var end = reader.ReadDictionaryStart();
        while (reader.HasNext(end))
        {
            var path = reader.ReadObjectPathAsString();
            objects[path] = new BlueZObject(path, ReadInterfaces(ref reader));
        }

        return objects;
    }

    private static BlueZObject? ReadAdded(Message message)
    {
        if (message.SignatureAsString != "oa{sa{sv}}")
        {
            return null;
        }

        var reader = message.GetBodyReader();
        var path = reader.ReadObjectPathAsString();
        return new BlueZObject(path, ReadInterfaces(ref reader));
    }

    private static string? ReadRemoved(Message message) =>
        message.SignatureAsString == "oas" ? message.GetBodyReader().ReadObjectPathAsString() : null;

    /// <summary><c>a{sa{sv}}</c>: interface name → its properties.</summary>
    private static Dictionary<string, IReadOnlyDictionary<string, VariantValue>> ReadInterfaces(ref Reader reader)
    {
        var interfaces = new Dictionary<string, IReadOnlyDictionary<string, VariantValue>>(StringComparer.Ordinal);
        var end = reader.ReadDictionaryStart();
        while (reader.HasNext(end))
        {
            var name = reader.ReadString();
            interfaces[name] = reader.ReadDictionaryOfStringToVariantValue();
        }

        return interfaces;
    }
}
