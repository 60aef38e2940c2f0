using Streams.Transports.Serial.Native;

namespace Streams.Derived;

/// <summary>
/// fsync(2) of a directory, which .NET has no API for (FileStream refuses directories): it makes a
/// rename inside the directory durable. Best effort: some file systems reject it (EINVAL), and by
/// then the rename has happened, so a failure is not an error.
/// </summary>
internal static class DirectorySync
{
    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // open(2) of a directory read-only succeeds without O_DIRECTORY (whose value differs between x64 and arm64).
        var descriptor = Libc.open(directory, Libc.O_CLOEXEC);
        if (descriptor < 0)
        {
            return;
        }

        _ = Libc.fsync(descriptor);
        _ = Libc.close(descriptor);
    }
}
