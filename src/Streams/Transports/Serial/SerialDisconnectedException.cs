namespace Streams.Transports.Serial;

/// <summary>
/// The device behind an open serial link went away (hangup, <c>read</c> returning 0, <c>EIO</c>):
/// typically a USB adapter unplugged or a pty master closed. The link's descriptor is closed;
/// a new link must be opened.
/// </summary>
internal sealed class SerialDisconnectedException : IOException
{
    public SerialDisconnectedException(string path, string reason)
        : base($"Serial port {path} disconnected ({reason})")
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The device path of the link.</summary>
    public string Path { get; }

    /// <summary>What the kernel reported, e.g. <c>hangup (POLLHUP)</c> or <c>read failed (EIO: Input/output error)</c>.</summary>
    public string Reason { get; }
}
