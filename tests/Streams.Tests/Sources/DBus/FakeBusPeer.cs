using System.Net.Sockets;
using System.Reactive.Concurrency;
using System.Text;
using Streams.Sources.DBus;

namespace Streams.Tests.Sources.DBus;

/// <summary>
/// The far end of a connection, scripted by a test: a listening Unix socket in a temp directory
/// that plays the bus's part of authentication and Hello, then lets the test read the messages
/// the client sends and write any bytes back (valid replies, signals, or garbage).
/// </summary>
internal sealed class FakeBusPeer : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly Socket _listener;
    private readonly DirectoryInfo _directory;
    private readonly DBusMessageBuffer _incoming = new();
    private readonly List<byte> _lineBytes = [];
    private Socket? _peer;

    private FakeBusPeer(Socket listener, DirectoryInfo directory)
    {
        _listener = listener;
        _directory = directory;
        Address = DBusAddress.Parse($"unix:path={directory.FullName}/bus");
    }

    public DBusAddress Address { get; }

    /// <summary>What the client sent before BEGIN, e.g. <c>\0AUTH EXTERNAL 30</c>.</summary>
    public string AuthLine { get; private set; } = string.Empty;

    public static FakeBusPeer Start()
    {
        var directory = Directory.CreateTempSubdirectory("streams-fakebus-");
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(Path.Combine(directory.FullName, "bus")));
        listener.Listen(1);
        return new FakeBusPeer(listener, directory);
    }

    /// <summary>Connects a client through authentication and Hello (answered with <c>:1.1</c>).</summary>
    public async Task<DBusConnection> ConnectClientAsync(IScheduler scheduler)
    {
        var connecting = DBusConnection.ConnectAsync(Address, scheduler, TimeSpan.FromSeconds(30));
        await AcceptAsync("OK 0123456789abcdef0123456789abcdef");
        var hello = await ReceiveAsync();
        await SendAsync(DBusMessage.ReturnFor(hello, [new DBusString(":1.1")]) with { Serial = 1, Sender = "org.freedesktop.DBus", Destination = ":1.1" });
        return await connecting.WaitAsync(Patience);
    }

    /// <summary>Accepts the client and answers its AUTH line with <paramref name="reply"/>.</summary>
    public async Task AcceptAsync(string reply)
    {
        _peer = await _listener.AcceptAsync().WaitAsync(Patience);
        AuthLine = await ReadLineAsync();
        await SendRawAsync(Encoding.ASCII.GetBytes(reply + "\r\n"));
        if (reply.StartsWith("OK", StringComparison.Ordinal))
        {
            var begin = await ReadLineAsync();
            if (begin != "BEGIN")
            {
                throw new InvalidOperationException($"Expected BEGIN, got '{begin}'.");
            }
        }
    }

    public async Task<DBusMessage> ReceiveAsync()
    {
        while (true)
        {
            if (_incoming.TryReadMessage(out var message))
            {
                return message;
            }

            var received = await Peer.ReceiveAsync(_incoming.GetReceiveMemory(), SocketFlags.None).AsTask().WaitAsync(Patience);
            if (received == 0)
            {
                throw new InvalidOperationException("The client hung up.");
            }

            _incoming.Advance(received);
        }
    }

    public Task SendAsync(DBusMessage message) => SendRawAsync(DBusMessageCodec.Encode(message));

    public async Task SendRawAsync(byte[] bytes)
    {
        var sent = 0;
        while (sent < bytes.Length)
        {
            sent += await Peer.SendAsync(bytes.AsMemory(sent), SocketFlags.None).AsTask().WaitAsync(Patience);
        }
    }

    public void HangUp() => _peer?.Dispose();

    public ValueTask DisposeAsync()
    {
        _peer?.Dispose();
        _listener.Dispose();
        _directory.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    private Socket Peer => _peer ?? throw new InvalidOperationException("No client yet.");

    private async Task<string> ReadLineAsync()
    {
        var one = new byte[1];
        _lineBytes.Clear();
        while (_lineBytes.Count < 2 || _lineBytes[^2] != '\r' || _lineBytes[^1] != '\n')
        {
            if (await Peer.ReceiveAsync(one, SocketFlags.None).WaitAsync(Patience) == 0)
            {
                throw new InvalidOperationException("The client hung up during authentication.");
            }

            _lineBytes.Add(one[0]);
        }

        return Encoding.ASCII.GetString([.. _lineBytes])[..^2];
    }
}
