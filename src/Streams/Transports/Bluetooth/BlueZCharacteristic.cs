namespace Streams.Transports.Bluetooth;

/// <summary>A GATT characteristic BlueZ serves: its object path and its flags (<c>notify</c>, <c>write-without-response</c>, …).</summary>
internal sealed record BlueZCharacteristic(string Path, IReadOnlyList<string> Flags)
{
    /// <summary>
    /// The WriteValue <c>type</c> option: <c>command</c> (write without response, what JBD dongles
    /// advertise) unless the characteristic only allows a write with response.
    /// </summary>
    public string WriteType =>
        Flags.Contains("write-without-response") || !Flags.Contains("write") ? "command" : "request";
}
