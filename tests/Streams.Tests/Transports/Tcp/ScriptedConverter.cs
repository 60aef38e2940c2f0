using System.Net.Sockets;
using System.Reactive.Concurrency;
using Streams.Tests.Polling;
using Streams.Transports.Serial;
using Streams.Transports.Tcp;

namespace Streams.Tests.Transports.Tcp;

/// <summary>
/// A network serial converter in virtual time, failing the way a real one does, with the product's
/// own messages: <c>up</c> (accepting and answering through <see cref="ScriptedPort.Respond"/>),
/// <c>restart</c> (the connection is reset, and connects are refused until <c>up</c>), <c>dead</c>
/// (powered off: silent, connects time out, and the kernel drops the live connection
/// <see cref="TcpKeepAlive.DeadAfter"/> after the first request that went unacknowledged), and
/// <c>cut</c> (the next reply stops halfway and the connection is reset).
/// </summary>
internal sealed class ScriptedConverter
{
    public static readonly TcpEndpoint Endpoint = TcpEndpoint.Parse("tcp://192.168.1.50:8899");

    private readonly IScheduler _scheduler;
    private readonly TcpKeepAlive _keepAlive;
    private readonly Func<byte[], IEnumerable<ScriptedReply>> _respond;
    private string _state = "up";
    private bool _cutNext;
    private bool _lossScheduled;

    public ScriptedConverter(IScheduler scheduler, TcpKeepAlive keepAlive, Func<byte[], IEnumerable<ScriptedReply>> respond)
    {
        _scheduler = scheduler;
        _keepAlive = keepAlive;
        _respond = respond;
        Port = new ScriptedPort(scheduler, Endpoint.ToString()) { Respond = Respond, OpenFailure = OpenFailure };
    }

    public ScriptedPort Port { get; }

    public static Exception Reset => TcpDisconnectedException.From(Endpoint.ToString(), new SocketException((int)SocketError.ConnectionReset));

    public ISerialLink Open() => Port.Open();

    public void Set(string state)
    {
        switch (state)
        {
            case "up":
                _state = state;
                Port.Plugged = true;
                break;
            case "restart":
                _state = state;
                Port.Unplug(Reset);
                break;
            case "dead":
                _state = state;
                _lossScheduled = false;
                // The connection stays open on our side: nothing tells the kernel the peer is gone.
                Port.Plugged = false;
                break;
            case "cut":
                _cutNext = true;
                break;
            default:
                throw new InvalidOperationException($"converter input values are up, restart, dead or cut, not '{state}'");
        }
    }

    private Exception OpenFailure() => _state == "dead"
        ? TcpConnectException.TimedOut(Endpoint, new TcpSettings(Endpoint).ConnectTimeout)
        : TcpConnectException.From(Endpoint, new SocketException((int)SocketError.ConnectionRefused));

    private IEnumerable<ScriptedReply> Respond(byte[] request)
    {
        if (_state == "dead")
        {
            if (!_lossScheduled && Port.Current is { } link)
            {
                _lossScheduled = true;
                var timedOut = TcpDisconnectedException.From(Endpoint.ToString(), new SocketException((int)SocketError.TimedOut));
                _scheduler.Schedule(_keepAlive.DeadAfter, () => link.Hangup(timedOut));
            }

            return [];
        }

        var replies = _respond(request).ToList();
        if (_cutNext && replies.Count > 0)
        {
            _cutNext = false;
            var first = replies[0];
            return [first with { Bytes = first.Bytes[..(first.Bytes.Length / 2)], ThenLost = Reset }];
        }

        return replies;
    }
}
