using System.Diagnostics.CodeAnalysis;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace Streams.Transports.Capture;

/// <summary>
/// A capture file (raw received bytes, as written by <see cref="CaptureFile.Capture"/>) to be
/// replayed as chunks, as fast as it can be read.
/// </summary>
internal sealed class ReplayFile
{
    /// <summary>64 KiB: large enough for throughput, small enough to stay off the large-object heap.</summary>
    public const int DefaultChunkSize = 64 * 1024;

    private ReplayFile(string path, long length)
    {
        Path = path;
        Length = length;
    }

    public string Path { get; }

    /// <summary>The file's size when it was opened.</summary>
    public long Length { get; }

    /// <summary>Checks that <paramref name="path"/> is a readable file.</summary>
    /// <exception cref="CaptureFileException">It is missing, a directory or unreadable (one-line message).</exception>
    public static ReplayFile Open(string path) =>
        TryOpen(path, out var file, out var error) ? file : throw error;

    /// <summary>Checks that <paramref name="path"/> is a readable file, without throwing.</summary>
    public static bool TryOpen(
        string path,
        [NotNullWhen(true)] out ReplayFile? file,
        [NotNullWhen(false)] out CaptureFileException? error)
    {
        ArgumentNullException.ThrowIfNull(path);
        file = null;
        error = null;
        if (path.Length == 0)
        {
            error = new CaptureFileException(path, "no file name given");
            return false;
        }

        if (Directory.Exists(path))
        {
            error = new CaptureFileException(path, "is a directory, not a capture file");
            return false;
        }

        try
        {
            using var stream = OpenRead(path, bufferSize: 1);
            file = new ReplayFile(path, stream.Length);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            error = CaptureFileException.From(path, "open", e);
            return false;
        }
    }

    /// <summary>
    /// The file's bytes as chunks of at most <paramref name="chunkSize"/> bytes, each chunk its own
    /// array, read on <paramref name="scheduler"/> without pauses and completed at the end of file.
    /// A read error ends the stream with a <see cref="CaptureFileException"/>.
    /// </summary>
    /// <remarks>
    /// Each subscription reads the file again from the start. On a synchronous scheduler
    /// (<see cref="ImmediateScheduler"/>, <see cref="CurrentThreadScheduler"/>) Subscribe returns at
    /// the end of the file; use a thread-pool or new-thread scheduler to replay in the background and
    /// to be able to stop midway.
    /// </remarks>
    /// <param name="scheduler">Where the read loop runs.</param>
    /// <param name="progress">Told bytes read / total after every chunk.</param>
    /// <param name="chunkSize">Bytes per chunk, at least 1.</param>
    public IObservable<ReadOnlyMemory<byte>> Read(
        IScheduler scheduler,
        IProgress<ReplayProgress>? progress = null,
        int chunkSize = DefaultChunkSize)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        return Observable.Create<ReadOnlyMemory<byte>>(observer =>
        {
            var stop = new BooleanDisposable();
            var loop = scheduler.Schedule(() => ReadAll(observer, stop, progress, chunkSize));
            return new CompositeDisposable(stop, loop);
        });
    }

    private void ReadAll(IObserver<ReadOnlyMemory<byte>> observer, BooleanDisposable stop, IProgress<ReplayProgress>? progress, int chunkSize)
    {
        FileStream stream;
        try
        {
            stream = OpenRead(Path, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            observer.OnError(CaptureFileException.From(Path, "open", e));
            return;
        }

        using (stream)
        {
            long read = 0;
            while (!stop.IsDisposed)
            {
                var chunk = new byte[chunkSize];
                int count;
                try
                {
                    count = stream.ReadAtLeast(chunk, chunk.Length, throwOnEndOfStream: false);
                }
                catch (IOException e)
                {
                    observer.OnError(CaptureFileException.From(Path, "read", e));
                    return;
                }

                if (count == 0)
                {
                    break;
                }

                read += count;
                observer.OnNext(chunk.AsMemory(0, count));
                progress?.Report(new ReplayProgress(read, Math.Max(Length, read)));
            }
        }

        if (!stop.IsDisposed)
        {
            observer.OnCompleted();
        }
    }

    private static FileStream OpenRead(string path, int bufferSize) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize, FileOptions.SequentialScan);
}
