using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using Streams.Framing;
using Streams.Transports.Bluetooth;

namespace Streams.Devices.Jbd.Ble;

/// <summary>
/// One BLE connection to a JBD BMS as the poller uses it: its DD … 77 frames and FF AA handshake
/// frames, both framed from the same notifications and shared for the connection's life, and when
/// the BMS was last heard.
/// </summary>
internal sealed class JbdBleSession : IDisposable
{
    private readonly CompositeDisposable _subscriptions = [];
    private long _lastHeardTicks = long.MinValue;

    public JbdBleSession(IBleConnection connection, IScheduler scheduler, FramingCounters framing, Action<Exception> onLost)
    {
        Connection = connection;
        var heard = connection.Notifications.Do(_ => Interlocked.Exchange(ref _lastHeardTicks, scheduler.Now.UtcTicks));
        var frames = heard.FrameJbd(framing).Publish();
        var auth = heard.FrameJbdAuth().Publish();
        Frames = frames;
        AuthFrames = auth;
        _subscriptions.Add(connection.Notifications.Subscribe(static _ => { }, onLost));
        _subscriptions.Add(frames.Connect());
        _subscriptions.Add(auth.Connect());
    }

    public IBleConnection Connection { get; }

    public IObservable<JbdFrame> Frames { get; }

    public IObservable<JbdAuthFrame> AuthFrames { get; }

    public bool IsUsable => Connection.IsConnected;

    public DateTimeOffset? LastHeard
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastHeardTicks);
            return ticks == long.MinValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public void Dispose() => _subscriptions.Dispose();

    /// <summary>Ends the frames at once, then asks the stack to drop the link; completes when it did (never fails).</summary>
    public IObservable<Unit> Disconnect()
    {
        Dispose();
        return Connection.Disconnect().Catch(Observable.Return(Unit.Default)).LastOrDefaultAsync();
    }

    /// <summary>
    /// The teardown of a subscription that is gone: nobody is left to wait for the disconnect, so it is
    /// requested and finishes on its own. The request completes (it never fails), and a completed
    /// subscription releases itself.
    /// </summary>
    public void Close() => Disconnect().Subscribe(static _ => { }, static _ => { });
}
