namespace Streams.Transports.Serial;

/// <summary>
/// A byte pipe to one device: a serial port, or the master side of a pseudo-terminal.
/// </summary>
/// <remarks>
/// <para><see cref="Received"/> is hot and shared: one reader thread per link starts on the first
/// subscription and emits every chunk the kernel returns, as an owned copy, in order, to the
/// subscribers present at that moment (bytes that arrive before the first subscription wait in
/// the kernel buffer). It errors with <see cref="SerialDisconnectedException"/> when the device goes
/// away, and completes when the link is disposed; later subscribers get that terminal at once.
/// Notifications arrive on the link's reader thread. An observer that throws from OnNext closes
/// the link: the other subscribers get that exception as OnError (the process does not crash).</para>
/// <para><see cref="Write"/> blocks until every byte is handed to the driver and is safe to call
/// from any thread (callers are serialised).</para>
/// </remarks>
internal interface ISerialLink : IDisposable
{
    /// <summary>The device path (a <c>/dev/tty*</c> path, a symlink to one, or a pty's path).</summary>
    string Path { get; }

    /// <summary>Chunks of received bytes; see the type's remarks for the contract.</summary>
    IObservable<ReadOnlyMemory<byte>> Received { get; }

    /// <summary>Writes all of <paramref name="data"/>.</summary>
    /// <exception cref="SerialDisconnectedException">The device went away.</exception>
    /// <exception cref="TimeoutException">The driver accepted no byte for the link's write timeout.</exception>
    /// <exception cref="ObjectDisposedException">The link was disposed.</exception>
    void Write(ReadOnlySpan<byte> data);
}
