using Tmds.DBus.Protocol;

namespace Streams.Transports.Bluetooth.Proxies;

/// <summary><c>org.bluez.Device1</c>: connect and disconnect (its properties come through <see cref="PropertiesProxy"/>).</summary>
internal sealed class Device1Proxy(DBusConnection bus, string path)
{
    /// <summary>Bound of <c>Connect</c>, which BlueZ itself gives up on after about 20 s.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    public string Path => path;

    /// <summary>Connects and resolves the services; BlueZ answers once connected, before <c>ServicesResolved</c> may be true.</summary>
    public Task ConnectAsync(CancellationToken cancellationToken) =>
        BlueZCall.Method(bus, path, BlueZ.Device, "Connect", ConnectTimeout, cancellationToken);

    public Task DisconnectAsync(CancellationToken cancellationToken) =>
        BlueZCall.Method(bus, path, BlueZ.Device, "Disconnect", BlueZCall.Timeout, cancellationToken);
}
