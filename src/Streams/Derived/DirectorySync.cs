using System.Runtime.InteropServices;

namespace Streams.Derived;

/// <summary>
/// fsync(2) of a directory, which .NET has no API for (FileStream refuses directories): it makes a
/// rename inside the directory durable. Best effort: some file systems reject it (EINVAL), and by
/// then the rename has happened, so a failure is not an error.
/// </summary>
internal static class DirectorySync
{
    private const string Library = "libc";

    // O_RDONLY | O_CLOEXEC; the same values on x64 and arm64 Linux. O_DIRECTORY differs between them
    // and is not needed: open(2) of a directory read-only succeeds.
    private const int OpenReadOnlyCloseOnExec = 0x80000;

    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var descriptor = open(directory, OpenReadOnlyCloseOnExec);
        if (descriptor < 0)
        {
            return;
        }

        _ = fsync(descriptor);
        _ = close(descriptor);
    }

    [DllImport(Library, SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport(Library, SetLastError = true)]
    private static extern int fsync(int fd);

    [DllImport(Library, SetLastError = true)]
    private static extern int close(int fd);
}
