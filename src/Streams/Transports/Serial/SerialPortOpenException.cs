using Streams.Transports.Serial.Native;

namespace Streams.Transports.Serial;

/// <summary>
/// A serial port could not be opened or configured. The message is one line meant for the user,
/// e.g. <c>Serial port /dev/ttyUSB0 not found (ENOENT: No such file or directory)</c>.
/// </summary>
internal sealed class SerialPortOpenException : IOException
{
    public SerialPortOpenException(string path, string message, string? errorName)
        : base(message)
    {
        Path = path;
        ErrorName = errorName;
    }

    /// <summary>The device path as given.</summary>
    public string Path { get; }

    /// <summary>The symbolic errno (<c>ENOENT</c>, <c>EACCES</c>, ...), or null when the driver rejected the settings.</summary>
    public string? ErrorName { get; }

    internal static SerialPortOpenException FromErrno(string path, string operation, int errno)
    {
        var cause = Errno.Describe(errno);
        var message = (operation, errno) switch
        {
            ("open", Errno.ENOENT) => $"Serial port {path} not found ({cause})",
            ("open", Errno.EACCES) => $"Serial port {path} permission denied ({cause}); is the user in the 'dialout' group?",
            ("open", _) => $"Cannot open serial port {path} ({cause})",
            ("tcgetattr", Errno.ENOTTY) => $"{path} is not a serial port ({cause})",
            _ => $"Cannot configure serial port {path}: {operation} failed ({cause})",
        };
        return new SerialPortOpenException(path, message, Errno.Name(errno));
    }
}
