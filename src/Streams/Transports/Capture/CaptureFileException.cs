using System.Runtime.InteropServices;
using Streams.Transports.Serial.Native;

namespace Streams.Transports.Capture;

/// <summary>
/// A capture file could not be opened, read or written. The message is one line naming the file
/// and the reason, fit to show a user as is.
/// </summary>
internal sealed class CaptureFileException : IOException
{
    /// <param name="noun">What the file is to the user: a "capture file" written, a "replay file" read.</param>
    public CaptureFileException(string path, string reason, Exception? innerException = null, string noun = "capture file")
        : base($"{noun} {path}: {OneLine(reason)}", innerException)
    {
        FilePath = path;
        Reason = OneLine(reason);
    }

    public string FilePath { get; }

    public string Reason { get; }

    /// <summary>Maps the usual file-system exceptions to a short reason.</summary>
    internal static CaptureFileException From(string path, string action, Exception error) => error switch
    {
        FileNotFoundException or DirectoryNotFoundException => new(path, $"{action} failed: no such file or directory", error),
        UnauthorizedAccessException => new(path, $"{action} failed: permission denied", error),
        _ => new(path, $"{action} failed: {error.Message}", error),
    };

    /// <summary>A replay file's failed system call, by its errno.</summary>
    internal static CaptureFileException ForReplay(string path, string action, int errno) => new(
        path,
        errno switch
        {
            Errno.ENOENT or Errno.ENOTDIR => $"{action} failed: no such file or directory",
            Errno.EACCES or Errno.EPERM => $"{action} failed: permission denied",
            _ => $"{action} failed: {Marshal.GetPInvokeErrorMessage(errno)}",
        },
        noun: ReplayNoun);

    internal const string ReplayNoun = "replay file";

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
