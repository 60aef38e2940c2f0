using Tmds.DBus.Protocol;

namespace Streams.Transports.Bluetooth;

/// <summary>One BlueZ object: its path and, per interface, its properties (as GetManagedObjects and InterfacesAdded carry them).</summary>
internal sealed record BlueZObject(string Path, IReadOnlyDictionary<string, IReadOnlyDictionary<string, VariantValue>> Interfaces)
{
    /// <summary>The properties of <paramref name="name"/>, or null when the object does not have that interface.</summary>
    public IReadOnlyDictionary<string, VariantValue>? Interface(string name) => Interfaces.GetValueOrDefault(name);
}
