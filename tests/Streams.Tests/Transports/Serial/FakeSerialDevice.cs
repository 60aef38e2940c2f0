using System.Reactive.Concurrency;
using Streams.Transports.Serial;

namespace Streams.Tests.Transports.Serial;

/// <summary>
/// A device that can be plugged in and out in virtual time; <see cref="Open"/> is the function
/// handed to <see cref="SerialLinks.Reconnecting"/>. Records when each open was attempted.
/// </summary>
internal sealed class FakeSerialDevice(IScheduler scheduler, DateTimeOffset epoch, string path = "/dev/ttyFAKE0")
{
    public bool Plugged { get; set; }

    public Exception? OpenFailure { get; set; }

    public List<TimeSpan> Attempts { get; } = [];

    public List<FakeSerialLink> Links { get; } = [];

    public FakeSerialLink? Current => Links.Count > 0 && !Links[^1].IsDisposed ? Links[^1] : null;

    public ISerialLink Open()
    {
        Attempts.Add(scheduler.Now - epoch);
        if (OpenFailure is { } failure)
        {
            throw failure;
        }

        if (!Plugged)
        {
            throw new SerialPortOpenException(path, $"Serial port {path} not found (ENOENT: No such file or directory)", "ENOENT");
        }

        var link = new FakeSerialLink(path);
        Links.Add(link);
        return link;
    }

    /// <summary>Unplugs: the device vanishes and the live link (if any) reports a hangup.</summary>
    public void Unplug()
    {
        Plugged = false;
        Current?.Unplug();
    }
}
