using System.Reactive;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Streams.Transports.Bluetooth;

namespace Streams.Tests.Transports.Bluetooth;

/// <summary>One connection of a <see cref="ScriptedBleLink"/>.</summary>
internal sealed class ScriptedBleConnection(ScriptedBleLink link) : IBleConnection
{
    private readonly Subject<ReadOnlyMemory<byte>> _notifications = new();

    public IObservable<ReadOnlyMemory<byte>> Notifications => _notifications.AsObservable();

    public bool IsConnected { get; private set; } = true;

    public short? Rssi { get; set; } = -67;

    public void Write(ReadOnlyMemory<byte> bytes)
    {
        if (IsConnected)
        {
            link.Written(this, bytes.ToArray());
        }
    }

    public IObservable<Unit> Disconnect() =>
        Observable.Defer(() =>
        {
            link.Disconnected();
            if (IsConnected)
            {
                IsConnected = false;
                _notifications.OnCompleted();
            }

            return Observable.Return(Unit.Default);
        });

    public void Notify(ReadOnlyMemory<byte> chunk)
    {
        if (IsConnected)
        {
            _notifications.OnNext(chunk);
        }
    }

    public void Lose(string reason)
    {
        if (IsConnected)
        {
            IsConnected = false;
            _notifications.OnError(new BleLinkLostException(reason));
        }
    }
}
