using System.Runtime.InteropServices;

namespace Streams.Transports.Serial.Native;

/// <summary>
/// The libc entry points the process needs (linux-x64, glibc): the serial transport's, and
/// <c>fsync</c> of a directory for the state files. Descriptors are passed as
/// raw ints taken from a <see cref="DescriptorLease"/>; errors come back through
/// <see cref="Marshal.GetLastPInvokeError"/>. "libc" resolves to the loaded libc.so.6.
/// </summary>
internal static class Libc
{
    private const string Library = "libc";

    public const int O_RDONLY = 0x0;        // 0
    public const int O_RDWR = 0x2;          // 02
    public const int O_NOCTTY = 0x100;      // 0400
    public const int O_NONBLOCK = 0x800;    // 04000
    public const int O_CLOEXEC = 0x80000;   // 02000000

    public const int TCSANOW = 0;
    public const int TCIOFLUSH = 2;

    [DllImport(Library, SetLastError = true)]
    public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    public const int R_OK = 4;

    [DllImport(Library, SetLastError = true)]
    public static extern int access([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);

    [DllImport(Library, SetLastError = true)]
    public static extern int close(int fd);

    [DllImport(Library, SetLastError = true)]
    public static extern int fsync(int fd);

    [DllImport(Library, SetLastError = true)]
    public static extern nint read(int fd, ref byte buffer, nint count);

    [DllImport(Library, SetLastError = true)]
    public static extern nint write(int fd, ref byte buffer, nint count);

    [DllImport(Library, SetLastError = true)]
    public static extern int poll(ref PollFd fds, nuint count, int timeoutMilliseconds);

    [DllImport(Library, SetLastError = true)]
    public static extern int pipe2(ref int fds, int flags);

    [DllImport(Library, SetLastError = true)]
    public static extern int tcgetattr(int fd, out Termios termios);

    [DllImport(Library, SetLastError = true)]
    public static extern int tcsetattr(int fd, int optionalActions, ref Termios termios);

    [DllImport(Library)]
    public static extern void cfmakeraw(ref Termios termios);

    [DllImport(Library, SetLastError = true)]
    public static extern int cfsetispeed(ref Termios termios, uint speed);

    [DllImport(Library, SetLastError = true)]
    public static extern int cfsetospeed(ref Termios termios, uint speed);

    [DllImport(Library)]
    public static extern uint cfgetispeed(ref Termios termios);

    [DllImport(Library)]
    public static extern uint cfgetospeed(ref Termios termios);

    [DllImport(Library, SetLastError = true)]
    public static extern int tcflush(int fd, int queueSelector);

    [DllImport(Library, SetLastError = true)]
    public static extern int ioctl(int fd, nuint request, ref SerialRs485 argument);

    [DllImport(Library, SetLastError = true)]
    public static extern int posix_openpt(int flags);

    [DllImport(Library, SetLastError = true)]
    public static extern int grantpt(int fd);

    [DllImport(Library, SetLastError = true)]
    public static extern int unlockpt(int fd);

    /// <summary>Returns 0 or an errno value directly (it does not set errno).</summary>
    [DllImport(Library)]
    public static extern int ptsname_r(int fd, ref byte buffer, nuint length);

    [DllImport(Library)]
    public static extern int gettid();

    [DllImport(Library, SetLastError = true)]
    public static extern int tgkill(int processId, int threadId, int signal);
}
