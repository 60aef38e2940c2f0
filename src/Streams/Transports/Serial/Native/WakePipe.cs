using System.Runtime.InteropServices;

namespace Streams.Transports.Serial.Native;

/// <summary>
/// A non-blocking pipe whose read end sits in every <c>poll</c> of a link, so another thread can
/// cut a blocked wait short. Once signalled it stays readable (nothing drains it): the signal
/// means "this link is being disposed" for good.
/// </summary>
internal sealed class WakePipe : IDisposable
{
    private WakePipe(FileDescriptorHandle readEnd, FileDescriptorHandle writeEnd)
    {
        ReadEnd = readEnd;
        WriteEnd = writeEnd;
    }

    public FileDescriptorHandle ReadEnd { get; }

    public FileDescriptorHandle WriteEnd { get; }

    public static WakePipe Create()
    {
        Span<int> fds = stackalloc int[2];
        if (Libc.pipe2(ref MemoryMarshal.GetReference(fds), Libc.O_NONBLOCK | Libc.O_CLOEXEC) != 0)
        {
            throw new IOException($"pipe2 failed ({Errno.Describe(Errno.Last)})");
        }

        return new WakePipe(new FileDescriptorHandle(fds[0]), new FileDescriptorHandle(fds[1]));
    }

    public void Signal()
    {
        using var lease = WriteEnd.Lease();
        Span<byte> one = [1];
        // EAGAIN means the pipe is full, i.e. already signalled; nothing else can fail here.
        while (Libc.write(lease.Fd, ref MemoryMarshal.GetReference(one), 1) < 0 && Errno.Last == Errno.EINTR)
        {
        }
    }

    public void Dispose()
    {
        ReadEnd.Dispose();
        WriteEnd.Dispose();
    }
}
