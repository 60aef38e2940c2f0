using Streams.Transports.Serial.Native;

namespace Streams.Transports.Serial;

/// <summary>
/// A serial port opened through libc termios (System.IO.Ports is not available): non-blocking,
/// no controlling terminal, raw 8N1 at a fixed baud rate, buffers flushed on open. Receiving and
/// writing follow <see cref="ISerialLink"/>; one reader thread per port.
/// </summary>
internal sealed class TermiosSerialPort : ISerialLink
{
    private readonly DescriptorLink _link;

    private TermiosSerialPort(SerialSettings settings, DescriptorLink link, string? rs485Problem)
    {
        Settings = settings;
        _link = link;
        Rs485Problem = rs485Problem;
    }

    public SerialSettings Settings { get; }

    public string Path => _link.Path;

    public IObservable<ReadOnlyMemory<byte>> Received => _link.Received;

    /// <summary>True when <see cref="SerialSettings.Rs485"/> was requested and the driver accepted it.</summary>
    public bool IsRs485Enabled => Settings.Rs485 is not null && Rs485Problem is null;

    /// <summary>
    /// Why requested RS-485 mode could not be set (e.g. <c>ENOTTY</c> on ptys and most USB adapters),
    /// for a warning; null when not requested or accepted. Never fatal.
    /// </summary>
    public string? Rs485Problem { get; }

    internal DescriptorLink Link => _link;

    /// <summary>Opens <paramref name="path"/> raw 8N1 at <paramref name="baudRate"/>.</summary>
    /// <exception cref="SerialPortOpenException">Missing device, no permission, not a tty, settings refused.</exception>
    public static TermiosSerialPort Open(string path, int baudRate = 9600) => Open(new SerialSettings(path, baudRate));

    /// <summary>Opens and configures the port described by <paramref name="settings"/>.</summary>
    /// <exception cref="SerialPortOpenException">Missing device, no permission, not a tty, settings refused.</exception>
    public static TermiosSerialPort Open(SerialSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var path = settings.Path;
        var device = OpenDescriptor(path);
        try
        {
            string? rs485Problem;
            using (var lease = device.Lease())
            {
                RawMode.Apply(lease.Fd, path, settings.SpeedCode, $"{settings.BaudRate} baud 8N1 raw mode");
                // Drop whatever the driver buffered before we owned the port (stale replies, line noise).
                if (Libc.tcflush(lease.Fd, Libc.TCIOFLUSH) != 0)
                {
                    throw SerialPortOpenException.FromErrno(path, "tcflush", Errno.Last);
                }

                rs485Problem = settings.Rs485 is { } rs485 ? TryEnableRs485(lease.Fd, path, rs485) : null;
            }

            return new TermiosSerialPort(settings, new DescriptorLink(device, path, settings.WriteTimeout), rs485Problem);
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    public void Write(ReadOnlySpan<byte> data) => _link.Write(data);

    public void Dispose() => _link.Dispose();

    public override string ToString() => Settings.ToString();

    internal static FileDescriptorHandle OpenDescriptor(string path)
    {
        while (true)
        {
            var fd = Libc.open(path, Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
            if (fd >= 0)
            {
                return new FileDescriptorHandle(fd);
            }

            var errno = Errno.Last;
            if (errno != Errno.EINTR)
            {
                throw SerialPortOpenException.FromErrno(path, "open", errno);
            }
        }
    }

    private static string? TryEnableRs485(int fd, string path, Rs485Settings settings)
    {
        var request = new SerialRs485
        {
            Flags = SerialRs485.Enabled | (settings.RtsOnSend ? SerialRs485.RtsOnSend : SerialRs485.RtsAfterSend),
            DelayRtsBeforeSendMs = (uint)Math.Max(0, settings.DelayBeforeSendMilliseconds),
            DelayRtsAfterSendMs = (uint)Math.Max(0, settings.DelayAfterSendMilliseconds),
        };
        return Libc.ioctl(fd, SerialRs485.TIOCSRS485, ref request) == 0
            ? null
            : $"RS-485 mode not available on {path} ({Errno.Describe(Errno.Last)})";
    }
}
