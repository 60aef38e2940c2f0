using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Runtime.InteropServices;
using Streams.Transports.Serial.Native;

namespace Streams.Transports.Serial;

/// <summary>
/// An <see cref="ISerialLink"/> over an already configured non-blocking descriptor (a tty, or a
/// pty master): one dedicated reader thread blocked in <c>poll</c> on {descriptor, wake pipe},
/// and writes that loop over partial writes and <c>EAGAIN</c>.
/// </summary>
internal sealed partial class DescriptorLink : ISerialLink
{
    private const int ChunkCapacity = 4096;

    private readonly FileDescriptorHandle _device;
    private readonly WakePipe _wake;
    private readonly int _writeTimeoutMilliseconds;
    // The callback edge between the reader thread and Rx; only the reader thread (or Dispose
    // before any reader started) calls OnNext/OnError/OnCompleted.
    private readonly Subject<ReadOnlyMemory<byte>> _received = new();
    private readonly Lock _gate = new();
    private readonly Lock _writeGate = new();
    private Thread? _reader;
    private volatile bool _disposed;
    private volatile string? _disconnectReason;
    private long _interruptedPolls;
    private long _waitsForRoom;
    private int _readerThreadId;

    public DescriptorLink(FileDescriptorHandle device, string path, TimeSpan writeTimeout)
    {
        _device = device;
        Path = path;
        _writeTimeoutMilliseconds = writeTimeout == Timeout.InfiniteTimeSpan
            ? -1
            : (int)Math.Min(int.MaxValue, Math.Ceiling(writeTimeout.TotalMilliseconds));
        _wake = WakePipe.Create();
        Received = Observable.Create<ReadOnlyMemory<byte>>(observer =>
        {
            var subscription = _received.Subscribe(observer);
            StartReader();
            return subscription;
        });
    }

    public string Path { get; }

    public IObservable<ReadOnlyMemory<byte>> Received { get; }

    /// <summary>How many times <c>poll</c> in the reader returned <c>EINTR</c> and was retried.</summary>
    internal long InterruptedPolls => Interlocked.Read(ref _interruptedPolls);

    /// <summary>How many times a write found the driver's buffer full and waited in <c>poll(POLLOUT)</c>.</summary>
    internal long WaitsForRoom => Interlocked.Read(ref _waitsForRoom);

    /// <summary>The kernel thread id of the reader (0 until it runs), so tests can signal it.</summary>
    internal int ReaderThreadId => Volatile.Read(ref _readerThreadId);

    public void Dispose()
    {
        Thread? reader;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            reader = _reader;
        }

        // Wakes the reader and any write waiting for room; both then see the link is disposed.
        _wake.Signal();
        if (reader is null)
        {
            _received.OnCompleted();
        }
        else if (reader != Thread.CurrentThread)
        {
            // Waiting here keeps the observer contract: no notification after Dispose returns.
            reader.Join();
        }

        _device.Dispose();
        _wake.Dispose();
    }

    private void StartReader()
    {
        lock (_gate)
        {
            if (_reader is not null || _disposed)
            {
                return;
            }

            _reader = new Thread(ReadLoop) { IsBackground = true, Name = $"serial reader {Path}" };
            _reader.Start();
        }
    }

    private void ReadLoop()
    {
        Volatile.Write(ref _readerThreadId, Libc.gettid());
        Exception? failure;
        try
        {
            failure = Pump();
        }
        catch (ObjectDisposedException) when (_disposed)
        {
            failure = null;
        }

        if (failure is null)
        {
            _received.OnCompleted();
            return;
        }

        _disconnectReason = failure is SerialDisconnectedException disconnected
            ? disconnected.Reason
            : $"closed because a subscriber failed ({failure.GetType().Name}: {failure.Message})";
        _device.Dispose();
        _received.OnError(failure);
    }

    /// <summary>
    /// Reads until disposed (returns null) or disconnected (returns a <see cref="SerialDisconnectedException"/>).
    /// A subscriber throwing from OnNext also ends the link, with its exception: a dedicated thread
    /// has nobody to rethrow to, and crashing the process would hide the bug behind a restart loop.
    /// </summary>
    private Exception? Pump()
    {
        using var device = _device.Lease();
        using var wake = _wake.ReadEnd.Lease();
        var buffer = new byte[ChunkCapacity];
        Span<PollFd> fds = stackalloc PollFd[2];
        while (!_disposed)
        {
            fds[0] = new PollFd(device.Fd, PollFd.POLLIN);
            fds[1] = new PollFd(wake.Fd, PollFd.POLLIN);
            if (Libc.poll(ref MemoryMarshal.GetReference(fds), 2, -1) < 0)
            {
                var errno = Errno.Last;
                if (errno == Errno.EINTR)
                {
                    Interlocked.Increment(ref _interruptedPolls);
                    continue;
                }

                return Disconnected($"poll failed ({Errno.Describe(errno)})");
            }

            if (fds[1].ReturnedEvents != 0)
            {
                return null;
            }

            var events = fds[0].ReturnedEvents;
            if ((events & PollFd.POLLIN) != 0)
            {
                var count = Libc.read(device.Fd, ref buffer[0], buffer.Length);
                if (count > 0)
                {
                    try
                    {
                        _received.OnNext(buffer.AsSpan(0, (int)count).ToArray());
                    }
                    catch (Exception subscriberFault)
                    {
                        return subscriberFault;
                    }

                    continue;
                }

                // On a tty, read() == 0 after POLLIN is a hangup: the peer closed (pty) or the device vanished.
                if (count == 0)
                {
                    return Disconnected($"hangup: read returned 0 ({DescribeEvents(events)})");
                }

                var errno = Errno.Last;
                if (errno is not (Errno.EAGAIN or Errno.EINTR))
                {
                    return Disconnected($"read failed ({Errno.Describe(errno)})");
                }
            }

            if ((events & PollFd.Hangup) != 0)
            {
                return Disconnected($"hangup ({DescribeEvents(events)})");
            }
        }

        return null;
    }

    private SerialDisconnectedException Disconnected(string reason) => new(Path, reason);

    private DescriptorLease LeaseDevice()
    {
        ThrowIfUnusable();
        try
        {
            return _device.Lease();
        }
        catch (ObjectDisposedException)
        {
            ThrowIfUnusable();
            throw;
        }
    }

    private void ThrowIfUnusable()
    {
        if (_disconnectReason is { } reason)
        {
            throw new SerialDisconnectedException(Path, reason);
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
    }

    private static string DescribeEvents(short events)
    {
        var names = new List<string>(4);
        if ((events & PollFd.POLLIN) != 0) names.Add("POLLIN");
        if ((events & PollFd.POLLERR) != 0) names.Add("POLLERR");
        if ((events & PollFd.POLLHUP) != 0) names.Add("POLLHUP");
        if ((events & PollFd.POLLNVAL) != 0) names.Add("POLLNVAL");
        return names.Count == 0 ? "no events" : string.Join('|', names);
    }
}
