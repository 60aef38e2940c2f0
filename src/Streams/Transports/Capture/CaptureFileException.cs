namespace Streams.Transports.Capture;

/// <summary>
/// A capture file could not be opened, read or written. The message is one line naming the file
/// and the reason, fit to show a user as is.
/// </summary>
internal sealed class CaptureFileException : IOException
{
    public CaptureFileException(string path, string reason, Exception? innerException = null)
        : base($"capture file {path}: {OneLine(reason)}", innerException)
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

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
