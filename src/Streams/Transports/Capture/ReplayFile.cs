using System.Diagnostics.CodeAnalysis;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using Streams.Transports.Serial.Native;

namespace Streams.Transports.Capture;

/// <summary>
/// A capture file (raw received bytes, as written by <see cref="CaptureFile.Capture"/>) to be
/// replayed as chunks, as fast as it can be read. It may also be a FIFO or a pipe
/// (<c>--replay &lt;(ssh pi cat bus.bin)</c>): then it waits for the writer, and a stop ends the wait.
/// </summary>
/// <remarks>
/// Opened without blocking (<c>O_NONBLOCK</c>: a FIFO with no writer would otherwise block the
/// open), read in <c>poll</c> beside a wake pipe, so that unsubscribing ends a read that waits for
/// bytes at once; no read is ever left blocked.
/// </remarks>
internal sealed class ReplayFile
{
    /// <summary>64 KiB: large enough for throughput, small enough to stay off the large-object heap.</summary>
    public const int DefaultChunkSize = 64 * 1024;

    private const int OpenFlags = Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC;

    private ReplayFile(string path, long length)
    {
        Path = path;
        Length = length;
    }

    public string Path { get; }

    /// <summary>The file's size when it was opened (0 for a FIFO or pipe).</summary>
    public long Length { get; }

    /// <summary>Checks that <paramref name="path"/> is a readable file.</summary>
    /// <exception cref="CaptureFileException">It is missing, a directory or unreadable (one-line message).</exception>
    public static ReplayFile Open(string path) =>
        TryOpen(path, out var file, out var error) ? file : throw error;

    /// <summary>Checks that <paramref name="path"/> is a readable file, without throwing, blocking or opening it.</summary>
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
            error = new CaptureFileException(path, "no file name given", noun: CaptureFileException.ReplayNoun);
            return false;
        }

        if (Directory.Exists(path))
        {
            error = new CaptureFileException(path, "is a directory, not a capture file", noun: CaptureFileException.ReplayNoun);
            return false;
        }

        // access(2), not open(2): opening and closing a FIFO would lose what a writer already put in it.
        if (Libc.access(path, Libc.R_OK) != 0)
        {
            error = CaptureFileException.ForReplay(path, "open", Errno.Last);
            return false;
        }

        file = new ReplayFile(path, new FileInfo(path).Length);
        return true;
    }

    /// <summary>
    /// The file's bytes as chunks of at most <paramref name="chunkSize"/> bytes, each chunk its own
    /// array, read on <paramref name="scheduler"/> without pauses and completed at the end of file
    /// (for a FIFO: when its writer closes it). A read error ends the stream with a <see cref="CaptureFileException"/>.
    /// </summary>
    /// <remarks>
    /// Each subscription reads the file again from the start. On a synchronous scheduler
    /// (<see cref="ImmediateScheduler"/>, <see cref="CurrentThreadScheduler"/>) Subscribe returns at
    /// the end of the file; use a thread-pool or new-thread scheduler to replay in the background and
    /// to be able to stop midway, even while it waits for a FIFO's writer.
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
            var stop = new StopSignal();
            var loop = scheduler.Schedule(() => ReadAll(observer, stop, progress, chunkSize));
            return new CompositeDisposable(stop, loop);
        });
    }

    private void ReadAll(IObserver<ReadOnlyMemory<byte>> observer, StopSignal stop, IProgress<ReplayProgress>? progress, int chunkSize)
    {
        if (stop.Arm() is not { } wake)
        {
            return;
        }

        try
        {
            ReadAll(observer, stop, wake, progress, chunkSize);
        }
        finally
        {
            stop.Disarm();
        }
    }

    private void ReadAll(IObserver<ReadOnlyMemory<byte>> observer, StopSignal stop, WakePipe wake, IProgress<ReplayProgress>? progress, int chunkSize)
    {
        using var descriptor = OpenDescriptor(Path, out var errno);
        if (descriptor is null)
        {
            observer.OnError(CaptureFileException.ForReplay(Path, "open", errno));
            return;
        }

        long read = 0;
        while (true)
        {
            switch (WaitForBytes(descriptor, wake, out errno))
            {
                case Wait.Stopped:
                    return;
                case Wait.Failed:
                    observer.OnError(CaptureFileException.ForReplay(Path, "read", errno));
                    return;
            }

            var chunk = new byte[chunkSize];
            var count = ReadSome(descriptor, chunk, out errno);
            if (count < 0)
            {
                if (errno is Errno.EAGAIN or Errno.EINTR)
                {
                    continue;
                }

                observer.OnError(CaptureFileException.ForReplay(Path, "read", errno));
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

        if (!stop.IsStopped)
        {
            observer.OnCompleted();
        }
    }

    private enum Wait
    {
        Readable,
        Stopped,
        Failed,
    }

    /// <summary>Waits in poll until the file has bytes (or its end, or a hang-up), or the wake pipe says stop.</summary>
    private static Wait WaitForBytes(FileDescriptorHandle descriptor, WakePipe wake, out int errno)
    {
        using var file = descriptor.Lease();
        using var stop = wake.ReadEnd.Lease();
        Span<PollFd> fds = [new PollFd(file.Fd, PollFd.POLLIN), new PollFd(stop.Fd, PollFd.POLLIN)];
        while (true)
        {
            errno = 0;
            if (Libc.poll(ref fds[0], 2, -1) < 0)
            {
                errno = Errno.Last;
                if (errno == Errno.EINTR)
                {
                    continue;
                }

                return Wait.Failed;
            }

            if (fds[1].ReturnedEvents != 0)
            {
                return Wait.Stopped;
            }

            if (fds[0].ReturnedEvents != 0)
            {
                return Wait.Readable;
            }
        }
    }

    private static int ReadSome(FileDescriptorHandle descriptor, byte[] chunk, out int errno)
    {
        using var lease = descriptor.Lease();
        var count = (int)Libc.read(lease.Fd, ref chunk[0], chunk.Length);
        errno = count < 0 ? Errno.Last : 0;
        return count;
    }

    private static FileDescriptorHandle? OpenDescriptor(string path, out int errno)
    {
        var fd = Libc.open(path, OpenFlags);
        errno = fd < 0 ? Errno.Last : 0;
        return fd < 0 ? null : new FileDescriptorHandle(fd);
    }

    /// <summary>
    /// Unsubscribing sets it and wakes the reader's poll. The reader arms it (creating the wake
    /// pipe) when it starts, and owns the pipe from then on; a stop before that means it never reads.
    /// </summary>
    private sealed class StopSignal : IDisposable
    {
        private readonly Lock _gate = new();
        private WakePipe? _wake;
        private bool _stopped;

        public bool IsStopped
        {
            get
            {
                lock (_gate)
                {
                    return _stopped;
                }
            }
        }

        /// <summary>The wake pipe for this read, or null when it was stopped already.</summary>
        public WakePipe? Arm()
        {
            lock (_gate)
            {
                return _stopped ? null : _wake = WakePipe.Create();
            }
        }

        /// <summary>The reader is done: the pipe goes (under the lock, so a late stop never signals a closed pipe).</summary>
        public void Disarm()
        {
            lock (_gate)
            {
                _wake?.Dispose();
                _wake = null;
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _stopped = true;
                _wake?.Signal();
            }
        }
    }
}
