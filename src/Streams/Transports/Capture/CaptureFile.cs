using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace Streams.Transports.Capture;

/// <summary>Taps a byte stream into a capture file that <see cref="ReplayFile"/> can replay.</summary>
internal static class CaptureFile
{
    /// <summary>
    /// Appends every chunk to <paramref name="path"/> before passing it on unchanged. The file is
    /// opened on subscription (appending to what is there) and closed at completion, error or
    /// disposal. Chunks are written straight through to the operating system: no memory grows however
    /// long it runs.
    /// </summary>
    /// <remarks>
    /// If the file cannot be opened the stream fails at once with a <see cref="CaptureFileException"/>
    /// (one-line message). If a write fails later (disk full, file system gone), capturing stops for
    /// this subscription; with <paramref name="onWriteFailure"/> the failure is reported there and the
    /// chunks keep flowing, without it the stream fails with the exception.
    /// </remarks>
    /// <param name="chunks">Received bytes.</param>
    /// <param name="path">The capture file.</param>
    /// <param name="maxFileBytes">
    /// When set, a file that would grow past this size is first renamed to <c>path.1</c> (replacing
    /// it) and a new file is started.
    /// </param>
    /// <param name="onWriteFailure">Told once when writing fails; the stream then goes on uncaptured.</param>
    public static IObservable<ReadOnlyMemory<byte>> Capture(
        this IObservable<ReadOnlyMemory<byte>> chunks,
        string path,
        long? maxFileBytes = null,
        Action<CaptureFileException>? onWriteFailure = null)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (maxFileBytes is { } max)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(max, 1, nameof(maxFileBytes));
        }

        return Observable.Create<ReadOnlyMemory<byte>>(observer =>
        {
            CaptureFileWriter writer;
            try
            {
                writer = CaptureFileWriter.Open(path, maxFileBytes);
            }
            catch (CaptureFileException e)
            {
                observer.OnError(e);
                return Disposable.Empty;
            }

            var upstream = chunks.Subscribe(
                chunk =>
                {
                    try
                    {
                        writer.Write(chunk.Span);
                    }
                    catch (CaptureFileException e) when (onWriteFailure is not null)
                    {
                        onWriteFailure(e);
                    }
                    catch (CaptureFileException e)
                    {
                        writer.Dispose();
                        observer.OnError(e);
                        return;
                    }

                    observer.OnNext(chunk);
                },
                error =>
                {
                    writer.Dispose();
                    observer.OnError(error);
                },
                () =>
                {
                    writer.Dispose();
                    observer.OnCompleted();
                });
            return new CompositeDisposable(upstream, writer);
        });
    }
}
