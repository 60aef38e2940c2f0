using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Streams.Transports.Serial;

namespace Streams.Tests.Polling;

/// <summary>
/// A serial port with scripted devices behind it, in virtual time: each request written is logged and
/// answered by <see cref="Respond"/>'s replies, each sent on the scheduler after its delay (unless the
/// link is gone by then). Can be unplugged and plugged back; <see cref="Open"/> is the opener handed to
/// <see cref="SerialLinks.Reconnecting"/>.
/// </summary>
internal sealed class ScriptedPort(IScheduler scheduler, string path = "/dev/ttyFAKE0")
{
    public string Path => path;

    public bool Plugged { get; set; } = true;

    public Func<byte[], IEnumerable<ScriptedReply>> Respond { get; set; } = static _ => [];

    /// <summary>Every request written, with the scheduler's time.</summary>
    public List<(DateTimeOffset At, byte[] Bytes)> Requests { get; } = [];

    /// <summary>Called after each request is logged (the marble scenarios render the bus from it).</summary>
    public Action<byte[]>? OnRequest { get; set; }

    public int Opens { get; private set; }

    public ScriptedLink? Current { get; private set; }

    public ISerialLink Open()
    {
        if (!Plugged)
        {
            throw new SerialPortOpenException(path, $"Serial port {path} not found (ENOENT: No such file or directory)", "ENOENT");
        }

        Opens++;
        Current = new ScriptedLink(this);
        return Current;
    }

    public void Unplug()
    {
        Plugged = false;
        Current?.Hangup();
        Current = null;
    }

    /// <summary>Bytes that appear on the line unasked (another master, noise).</summary>
    public void Emit(byte[] bytes) => Current?.Deliver(bytes);

    private void Written(ScriptedLink link, byte[] request)
    {
        Requests.Add((scheduler.Now, request));
        OnRequest?.Invoke(request);
        foreach (var reply in Respond(request))
        {
            scheduler.Schedule(reply.Delay, () => link.Deliver(reply.Bytes));
        }
    }

    internal sealed class ScriptedLink(ScriptedPort port) : ISerialLink
    {
        private readonly Subject<ReadOnlyMemory<byte>> _received = new();
        private bool _closed;

        public string Path => port.Path;

        public IObservable<ReadOnlyMemory<byte>> Received => _received.AsObservable();

        public void Write(ReadOnlySpan<byte> data)
        {
            if (_closed)
            {
                throw new SerialDisconnectedException(port.Path, "write after hangup (test)");
            }

            port.Written(this, data.ToArray());
        }

        public void Deliver(byte[] bytes)
        {
            if (!_closed)
            {
                _received.OnNext(bytes);
            }
        }

        public void Hangup()
        {
            _closed = true;
            _received.OnError(new SerialDisconnectedException(port.Path, "hangup (test)"));
        }

        public void Dispose()
        {
            if (!_closed)
            {
                _closed = true;
                _received.OnCompleted();
            }
        }
    }
}
