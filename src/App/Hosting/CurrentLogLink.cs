using System.Text;
using Serilog.Sinks.File;

namespace Streams.App.Hosting;

/// <summary>
/// Keeps the name the user gave as <c>logging.file</c> (say <c>logs/streams.log</c>) pointing at
/// the file being written: the sink rolls to dated names (<c>logs/streams20261201.log</c>, then
/// <c>…_001.log</c> after 10 MB), and the given name is a symbolic link to the current one, so
/// <c>tail -F logs/streams.log</c> follows the log across days. A regular file already at that
/// name is left alone.
/// </summary>
internal sealed class CurrentLogLink(string configuredPath) : FileLifecycleHooks
{
    public override Stream OnFileOpened(string path, Stream underlyingStream, Encoding encoding)
    {
        try
        {
            var link = new FileInfo(configuredPath);
            if (link.LinkTarget is not null)
            {
                link.Delete();
            }
            else if (link.Exists)
            {
                return underlyingStream;
            }

            // Relative, so the folder can move (a restored backup, another mount point).
            File.CreateSymbolicLink(configuredPath, Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(configuredPath))!, path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file system without symbolic links (FAT on a USB stick): the dated files are the log.
        }

        return underlyingStream;
    }
}
