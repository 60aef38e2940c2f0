using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Streams.Transports.Bluetooth;

namespace Streams.Tests.Transports.Bluetooth;

/// <summary>
/// An <see cref="IBleLink"/> in virtual time: connecting takes <see cref="ConnectDelay"/>; each
/// connection answers requests like <see cref="ScriptedJbdBms"/> after <see cref="ReplyDelay"/>, in
/// 20-byte notifications, unless <see cref="Silent"/>. <see cref="Drop"/> loses the current link.
/// Every connect, disconnect and write is reported to <see cref="OnEvent"/>.
/// </summary>
internal sealed class ScriptedBleLink(IScheduler scheduler, ScriptedJbdBms bms) : IBleLink
{
    public const int Mtu = 23;

    public string Address => "A4:C1:37:04:2D:BE";

    public TimeSpan ConnectDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan ReplyDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public bool Silent { get; set; }

    /// <summary>When set, connecting fails with it after <see cref="ConnectDelay"/>.</summary>
    public Exception? RefuseWith { get; set; }

    public Action<string> OnEvent { get; set; } = static _ => { };

    public ScriptedBleConnection? Current { get; private set; }

    public int Connects { get; private set; }

    public List<byte[]> Writes { get; } = [];

    public IObservable<IBleConnection> Connect() =>
        Observable.Create<IBleConnection>(observer =>
        {
            Connects++;
            OnEvent("connect");
            return scheduler.Schedule(ConnectDelay, () =>
            {
                if (RefuseWith is { } refusal)
                {
                    observer.OnError(refusal);
                    return;
                }

                Current = new ScriptedBleConnection(this);
                observer.OnNext(Current);
                observer.OnCompleted();
            });
        });

    public void Drop() => Current?.Lose("link lost (test)");

    public void Dispose() => Current?.Lose("link disposed (test)");

    internal void Written(ScriptedBleConnection connection, byte[] request)
    {
        Writes.Add(request);
        OnEvent("write " + Convert.ToHexString(request));
        if (Silent)
        {
            return;
        }

        var reply = bms.Answer(request);
        if (reply is null)
        {
            return;
        }

        scheduler.Schedule(ReplyDelay, () =>
        {
            for (var offset = 0; offset < reply.Length; offset += Mtu - 3)
            {
                connection.Notify(reply.AsMemory(offset, Math.Min(Mtu - 3, reply.Length - offset)));
            }
        });
    }

    internal void Disconnected() => OnEvent("disconnect");
}
