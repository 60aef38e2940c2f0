using Tmds.DBus.Protocol;

namespace Streams.Transports.Bluetooth.Proxies;

/// <summary>
/// <c>org.bluez.GattCharacteristic1</c>: notifications arrive as <c>PropertiesChanged(Value)</c>
/// after StartNotify; writes are <c>WriteValue(ay, a{sv})</c>.
/// </summary>
internal sealed class GattCharacteristic1Proxy(DBusConnection bus, string path)
{
    public string Path => path;

    public Task StartNotifyAsync(CancellationToken cancellationToken) =>
        BlueZCall.Method(bus, path, BlueZ.GattCharacteristic, "StartNotify", BlueZCall.Timeout, cancellationToken);

    /// <summary>Sends the write at once (writes leave in call order); the task ends with BlueZ's answer.</summary>
    /// <param name="value">The bytes.</param>
    /// <param name="type"><c>command</c> (without response) or <c>request</c> (with response).</param>
    public Task WriteValueAsync(ReadOnlySpan<byte> value, string type) =>
        BlueZCall.Send(bus, WriteValue(value, type), "GattCharacteristic1.WriteValue", BlueZCall.Timeout, CancellationToken.None);

    private MessageBuffer WriteValue(ReadOnlySpan<byte> value, string type)
    {
        var writer = bus.GetMessageWriter();
        try
        {
            writer.WriteMethodCallHeader(BlueZ.Service, path, BlueZ.GattCharacteristic, "WriteValue", "aya{sv}");
            writer.WriteArray(value);
            BlueZCall.WriteOptions(ref writer, "type", type);
            return writer.CreateMessage();
        }
        finally
        {
            writer.Dispose();
        }
    }
}
