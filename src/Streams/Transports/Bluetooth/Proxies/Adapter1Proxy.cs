using Tmds.DBus.Protocol;

namespace Streams.Transports.Bluetooth.Proxies;

/// <summary><c>org.bluez.Adapter1</c>: discovery.</summary>
internal sealed class Adapter1Proxy(DBusConnection bus, string path)
{
    public string Path => path;

    public Task StartDiscoveryAsync(CancellationToken cancellationToken) =>
        BlueZCall.Method(bus, path, BlueZ.Adapter, "StartDiscovery", BlueZCall.Timeout, cancellationToken);

    public Task StopDiscoveryAsync(CancellationToken cancellationToken) =>
        BlueZCall.Method(bus, path, BlueZ.Adapter, "StopDiscovery", BlueZCall.Timeout, cancellationToken);

    /// <summary>
    /// <c>SetDiscoveryFilter({"Transport": transport})</c>, e.g. <c>le</c>: this client's discovery then
    /// looks for that transport only. BlueZ drops the filter when the client stops discovering or leaves the bus.
    /// </summary>
    public Task SetDiscoveryFilterAsync(string transport, CancellationToken cancellationToken) =>
        BlueZCall.Send(bus, Filter(transport), "Adapter1.SetDiscoveryFilter", BlueZCall.Timeout, cancellationToken);

    private MessageBuffer Filter(string transport)
    {
        var writer = bus.GetMessageWriter();
        try
        {
            writer.WriteMethodCallHeader(BlueZ.Service, path, BlueZ.Adapter, "SetDiscoveryFilter", "a{sv}");
            BlueZCall.WriteOptions(ref writer, "Transport", transport);
            return writer.CreateMessage();
        }
        finally
        {
            writer.Dispose();
        }
    }
}
