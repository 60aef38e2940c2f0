using System.Reactive;

namespace Streams.Transports.Bluetooth;

/// <summary>
/// One established connection to a peripheral: its notifications, writes to its command
/// characteristic, and how it ends. A new connection is a new object, so nothing heard on an old
/// link reaches the next one.
/// </summary>
internal interface IBleConnection
{
    /// <summary>
    /// Hot: the notify characteristic's values as they arrive (about MTU − 3 bytes each, cut anywhere).
    /// Fails with <see cref="BleLinkLostException"/> when the link drops (device disconnected or removed,
    /// the Bluetooth service restarted, the bus lost, a write refused); completes after <see cref="Disconnect"/>.
    /// A subscriber arriving after the end gets the end at once.
    /// </summary>
    IObservable<ReadOnlyMemory<byte>> Notifications { get; }

    /// <summary>False once the link dropped or was disconnected.</summary>
    bool IsConnected { get; }

    /// <summary>The last signal strength the stack reported, in dBm; null when it reports none (common while connected).</summary>
    short? Rssi { get; }

    /// <summary>
    /// Queues <paramref name="bytes"/> for the write characteristic. Writes leave in call order. A write
    /// the stack refuses ends the connection (<see cref="Notifications"/> fails): the link is no
    /// longer trusted and the next poll reconnects.
    /// </summary>
    void Write(ReadOnlyMemory<byte> bytes);

    /// <summary>Cold: asks the stack to drop the link, then completes; never fails (a link already gone is fine).</summary>
    IObservable<Unit> Disconnect();
}
