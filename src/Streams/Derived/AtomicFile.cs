namespace Streams.Derived;

/// <summary>
/// Replaces a file so that a crash or power cut at any moment leaves either the old content or the
/// new, never a torn one: write a temporary file beside it, fsync it, rename it over the target
/// (atomic on POSIX), then fsync the directory so the rename itself is on disk.
/// </summary>
internal static class AtomicFile
{
    /// <exception cref="IOException">the directory is missing or not writable, or the disk is full.</exception>
    /// <exception cref="UnauthorizedAccessException">permission denied.</exception>
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var temporary = path + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }

        DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Nothing was written, or the directory is gone: the original error is the one to report.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
