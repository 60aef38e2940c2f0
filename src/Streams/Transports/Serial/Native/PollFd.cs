using System.Runtime.InteropServices;

namespace Streams.Transports.Serial.Native;

/// <summary><c>struct pollfd { int fd; short events; short revents; }</c> (8 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollFd(int fd, short events)
{
    public int Fd = fd;
    public short Events = events;
    public short ReturnedEvents;

    public const short POLLIN = 0x1;
    public const short POLLOUT = 0x4;
    public const short POLLERR = 0x8;
    public const short POLLHUP = 0x10;
    public const short POLLNVAL = 0x20;

    /// <summary>Any of the conditions poll reports without being asked: the descriptor is unusable.</summary>
    public const short Hangup = POLLERR | POLLHUP | POLLNVAL;
}
