namespace Streams.Transports.Serial.Native;

/// <summary>
/// Puts a terminal into raw 8N1 mode (the settings <c>cfmakeraw</c> gives, plus no flow control,
/// receiver on, modem lines ignored) and checks that the driver kept them, since
/// <c>tcsetattr</c> succeeds when any one of the requested changes took effect.
/// </summary>
internal static class RawMode
{
    private const uint FlowAndFraming = Termios.CSIZE | Termios.PARENB | Termios.PARODD | Termios.CSTOPB | Termios.CRTSCTS;

    /// <param name="speedCode">A <c>speed_t</c> code from <see cref="BaudRates"/>, or null to keep the current speed (ptys).</param>
    public static void Apply(int fd, string path, uint? speedCode, string description)
    {
        if (Libc.tcgetattr(fd, out var termios) != 0)
        {
            throw SerialPortOpenException.FromErrno(path, "tcgetattr", Errno.Last);
        }

        Libc.cfmakeraw(ref termios);
        termios.InputFlags &= ~(Termios.IXON | Termios.IXOFF | Termios.IXANY);
        termios.ControlFlags &= ~FlowAndFraming;
        termios.ControlFlags |= Termios.CS8 | Termios.CREAD | Termios.CLOCAL;
        // Ignored while O_NONBLOCK is set; chosen so a blocking reader would wait for one byte, never time out.
        termios.ControlChars[Termios.VMIN] = 1;
        termios.ControlChars[Termios.VTIME] = 0;
        if (speedCode is { } speed
            && (Libc.cfsetispeed(ref termios, speed) != 0 || Libc.cfsetospeed(ref termios, speed) != 0))
        {
            throw SerialPortOpenException.FromErrno(path, $"cfsetspeed ({description})", Errno.Last);
        }

        if (Libc.tcsetattr(fd, Libc.TCSANOW, ref termios) != 0)
        {
            throw SerialPortOpenException.FromErrno(path, $"tcsetattr ({description})", Errno.Last);
        }

        if (Libc.tcgetattr(fd, out var applied) != 0)
        {
            throw SerialPortOpenException.FromErrno(path, "tcgetattr", Errno.Last);
        }

        var kept = (applied.ControlFlags & (FlowAndFraming | Termios.CREAD)) == (Termios.CS8 | Termios.CREAD)
            && (applied.LocalFlags & (Termios.ICANON | Termios.ECHO | Termios.ISIG)) == 0
            && (speedCode is null
                || (Libc.cfgetospeed(ref applied) == speedCode && Libc.cfgetispeed(ref applied) == speedCode));
        if (!kept)
        {
            throw new SerialPortOpenException(path, $"Serial port {path} did not accept {description}", errorName: null);
        }
    }
}
