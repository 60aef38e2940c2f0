using System.Runtime.InteropServices;
using Streams.Transports.Serial.Native;

namespace Streams.Transports.Serial;

/// <summary>The write side of <see cref="DescriptorLink"/>: writes in call order, waiting in <c>poll(POLLOUT)</c> while the driver buffer is full.</summary>
internal sealed partial class DescriptorLink
{
    public void Write(ReadOnlySpan<byte> data)
    {
        lock (_writeGate)
        {
            using var device = LeaseDevice();
            using var wake = _wake.ReadEnd.Lease();
            while (!data.IsEmpty)
            {
                var written = Libc.write(device.Fd, ref MemoryMarshal.GetReference(data), data.Length);
                if (written > 0)
                {
                    data = data[(int)written..];
                    continue;
                }

                var errno = written == 0 ? Errno.EAGAIN : Errno.Last;
                switch (errno)
                {
                    case Errno.EINTR:
                        continue;
                    case Errno.EAGAIN:
                        WaitUntilWritable(device.Fd, wake.Fd);
                        continue;
                    case Errno.EIO or Errno.ENXIO or Errno.ENODEV:
                        throw new SerialDisconnectedException(Path, $"write failed ({Errno.Describe(errno)})");
                    default:
                        throw new IOException($"Serial port {Path}: write failed ({Errno.Describe(errno)})");
                }
            }
        }
    }

    private void WaitUntilWritable(int device, int wake)
    {
        Interlocked.Increment(ref _waitsForRoom);
        Span<PollFd> fds = stackalloc PollFd[2];
        while (true)
        {
            fds[0] = new PollFd(device, PollFd.POLLOUT);
            fds[1] = new PollFd(wake, PollFd.POLLIN);
            var ready = Libc.poll(ref MemoryMarshal.GetReference(fds), 2, _writeTimeoutMilliseconds);
            if (ready < 0)
            {
                var errno = Errno.Last;
                // A signal restarts the whole window: the timeout bounds time without progress, loosely.
                if (errno == Errno.EINTR)
                {
                    continue;
                }

                throw new IOException($"Serial port {Path}: poll failed ({Errno.Describe(errno)})");
            }

            if (ready == 0)
            {
                throw new TimeoutException($"Serial port {Path}: no byte could be written for {_writeTimeoutMilliseconds} ms");
            }

            if (fds[1].ReturnedEvents != 0)
            {
                throw new ObjectDisposedException(Path, $"Serial port {Path} was closed during a write");
            }

            var events = fds[0].ReturnedEvents;
            if ((events & PollFd.POLLOUT) != 0)
            {
                return;
            }

            if ((events & PollFd.Hangup) != 0)
            {
                throw new SerialDisconnectedException(Path, $"hangup while writing ({DescribeEvents(events)})");
            }
        }
    }
}
