using System.Net.Sockets;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Threading.Channels;
using Google.Protobuf;
using Streams.Transports.Esphome.Framing;
using Streams.Transports.Esphome.Noise;

namespace Streams.Transports.Esphome;

/// <summary>
/// The API over TCP: connect, the Noise handshake when a key is set, then a read loop into
/// <see cref="Messages"/> and one writer task that sends queued messages in order.
/// </summary>
internal sealed class TcpApiTransport : IApiTransport
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly IApiCodec _codec;
    private readonly byte[] _early;
    private readonly string _proxy;
    private readonly Lock _sendGate = new();
    private readonly Channel<byte[]> _outbox = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _writer;
    private int _subscribed;

    private TcpApiTransport(TcpClient client, IApiCodec codec, byte[] early, string proxy, string? serverName)
    {
        _client = client;
        _stream = client.GetStream();
        _codec = codec;
        _early = early;
        _proxy = proxy;
        ServerName = serverName;
        _writer = WriteLoopAsync();
    }

    public string? ServerName { get; }

    public IObservable<IMessage> Messages => Observable.Create<IMessage>(observer =>
    {
        if (Interlocked.Exchange(ref _subscribed, 1) != 0)
        {
            observer.OnError(new InvalidOperationException("an API transport has one reader"));
            return Disposable.Empty;
        }

        _ = ReadLoopAsync(observer);
        return Disposable.Create(Dispose);
    });

    /// <summary>Cold: connects to <paramref name="endpoint"/>; bound it with a Timeout (disposal cancels).</summary>
    public static IObservable<IApiTransport> Connect(EsphomeEndpoint endpoint) =>
        Observable.FromAsync<IApiTransport>(ct => ConnectAsync(endpoint, ct));

    public void Send(IMessage message)
    {
        lock (_sendGate)
        {
            // Encoding under the gate keeps Noise nonces in the order frames leave.
            _outbox.Writer.TryWrite(_codec.Encode(message));
        }
    }

    public void Dispose()
    {
        _outbox.Writer.TryComplete();
        _closing.Cancel();
        _client.Dispose();
        (_codec as IDisposable)?.Dispose();
    }

    private static async Task<IApiTransport> ConnectAsync(EsphomeEndpoint endpoint, CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException error)
        {
            client.Dispose();
            throw new EsphomeApiException($"ESPHome proxy {endpoint.Name} unreachable: {error.Message}", error);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        try
        {
            if (endpoint.EncryptionKey is null)
            {
                return new TcpApiTransport(client, new PlaintextCodec(endpoint.Name), [], endpoint.Name, null);
            }

            return await HandshakeAsync(client, endpoint, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task<IApiTransport> HandshakeAsync(TcpClient client, EsphomeEndpoint endpoint, CancellationToken cancellationToken)
    {
        using var handshake = new NoiseClientHandshake(endpoint.EncryptionKey, endpoint.Name);
        var stream = client.GetStream();
        var buffer = new byte[512];
        try
        {
            await stream.WriteAsync(handshake.Start(), cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new EsphomeApiException($"ESPHome proxy {endpoint.Name} closed the connection during the encryption handshake (it may not use encryption, or another client holds it)");
                }

                if (handshake.Receive(buffer.AsSpan(0, read), out var rest) is { } codec)
                {
                    return new TcpApiTransport(client, codec, rest, endpoint.Name, handshake.ServerName);
                }
            }
        }
        catch (IOException error)
        {
            throw new EsphomeApiException($"ESPHome proxy {endpoint.Name} dropped the connection during the encryption handshake: {error.Message}", error);
        }
    }

    private async Task ReadLoopAsync(IObserver<IMessage> observer)
    {
        var buffer = new byte[8192];
        try
        {
            Deliver(observer, _early);
            while (true)
            {
                var read = await _stream.ReadAsync(buffer, _closing.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    observer.OnError(new EsphomeApiException($"ESPHome proxy {_proxy} closed the API connection"));
                    return;
                }

                Deliver(observer, buffer.AsSpan(0, read));
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException) when (_closing.IsCancellationRequested)
        {
        }
        catch (EsphomeApiException error)
        {
            observer.OnError(error);
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException)
        {
            observer.OnError(new EsphomeApiException($"ESPHome proxy {_proxy} connection lost: {error.Message}", error));
        }
    }

    private void Deliver(IObserver<IMessage> observer, ReadOnlySpan<byte> chunk)
    {
        foreach (var message in _codec.Decode(chunk))
        {
            observer.OnNext(message);
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            await foreach (var frame in _outbox.Reader.ReadAllAsync(_closing.Token).ConfigureAwait(false))
            {
                await _stream.WriteAsync(frame, _closing.Token).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // A failed write also breaks the read side, which reports the loss.
            _client.Dispose();
        }
    }
}
