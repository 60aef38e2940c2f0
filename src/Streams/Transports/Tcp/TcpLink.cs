using System.Net;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Streams.Transports.Serial;

namespace Streams.Transports.Tcp;

/// <summary>
/// An <see cref="ISerialLink"/> over a TCP connection to a network serial converter (a transparent
/// RS-485 bridge, or a Modbus TCP gateway): the socket's bytes as chunks, so framers, pollers,
/// capture and the sniffer run on it unchanged. Like a serial port it has one dedicated reader
/// thread, blocked in <c>recv</c>; nothing here blocks a scheduler thread for longer than
/// <see cref="TcpSettings.ConnectTimeout"/> (connect) or <see cref="TcpSettings.WriteTimeout"/> (write).
/// </summary>
/// <remarks>
/// A lost connection (closed or reset by the converter, keep-alive unanswered, a write that timed
/// out) errors <see cref="Received"/> with <see cref="TcpDisconnectedException"/> and leaves the link
/// dead; <see cref="SerialLinks.Reconnecting"/> then connects a new one. Each link is one connection's
/// bytes, so the half of a reply cut off by a drop can never be read as the start of the next one.
/// </remarks>
internal sealed class TcpLink : ISerialLink
{
    private const int ChunkCapacity = 4096;

    // linux/tcp.h: how long sent data may stay unacknowledged before the kernel drops the connection.
    private const int TcpUserTimeout = 18;

    private readonly Socket _socket;
    private readonly TcpSettings _settings;
    private readonly LinkReader _reader;
    private readonly Lock _writeGate = new();
    private string? _lostReason;

    private TcpLink(Socket socket, TcpSettings settings)
    {
        _socket = socket;
        _settings = settings;
        Path = settings.Endpoint.ToString();
        _reader = new LinkReader($"tcp reader {Path}", Pump, Failing);
    }

    /// <summary><c>tcp://host:port</c>.</summary>
    public string Path { get; }

    public IObservable<ReadOnlyMemory<byte>> Received => _reader.Received;

    private bool Disposed => _reader.IsStopped;

    /// <summary>The connected socket, for tests that check its options.</summary>
    internal Socket Socket => _socket;

    /// <summary>Connects to the converter, bounded by <see cref="TcpSettings.ConnectTimeout"/>.</summary>
    /// <exception cref="TcpConnectException">Refused, unreachable, unknown host, or no answer in time.</exception>
    public static TcpLink Connect(TcpSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            Configure(socket, settings);
            ConnectWithin(socket, settings.Endpoint, settings.ConnectTimeout);
            return new TcpLink(socket, settings);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Write(ReadOnlySpan<byte> data)
    {
        lock (_writeGate)
        {
            ThrowIfUnusable();
            while (!data.IsEmpty)
            {
                int sent;
                try
                {
                    sent = _socket.Send(data, SocketFlags.None);
                }
                catch (SocketException error) when (error.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
                {
                    // Part of the request may be out: the stream is no longer at a frame boundary.
                    var waited = _settings.WriteTimeout.TotalMilliseconds;
                    Lose($"a write found no room for {waited:0} ms: the converter stopped reading");
                    throw new TimeoutException($"Converter {Path}: no byte could be written for {waited:0} ms; the connection is dropped");
                }
                catch (SocketException error) when (!Disposed)
                {
                    var lost = TcpDisconnectedException.From(Path, error);
                    Lose(lost.Reason);
                    throw lost;
                }
                catch (Exception error) when (Disposed && error is SocketException or ObjectDisposedException)
                {
                    throw new ObjectDisposedException(Path, $"Converter link {Path} was closed during a write");
                }

                data = data[sent..];
            }
        }
    }

    public void Dispose()
    {
        // Shutting down wakes the reader's recv (it returns 0); a socket that cannot be shut down
        // (already reset) is closed instead, which aborts the recv.
        if (_reader.Stop(() =>
            {
                if (!TryShutdown())
                {
                    _socket.Dispose();
                }
            }))
        {
            _socket.Dispose();
        }
    }

    public override string ToString() => _settings.ToString();

    private static void Configure(Socket socket, TcpSettings settings)
    {
        var keepAlive = settings.KeepAlive;
        socket.NoDelay = true;
        socket.SendTimeout = (int)Math.Ceiling(settings.WriteTimeout.TotalMilliseconds);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, (int)keepAlive.Idle.TotalSeconds);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, (int)keepAlive.Interval.TotalSeconds);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, keepAlive.Probes);
        var userTimeout = (int)keepAlive.DeadAfter.TotalMilliseconds;
        socket.SetRawSocketOption((int)ProtocolType.Tcp, TcpUserTimeout, MemoryMarshal.AsBytes(new ReadOnlySpan<int>(ref userTimeout)));
    }

    private static void ConnectWithin(Socket socket, TcpEndpoint endpoint, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        EndPoint target = endpoint.Address is { } address ? new IPEndPoint(address, endpoint.Port) : new DnsEndPoint(endpoint.Host, endpoint.Port);
        var connecting = socket.ConnectAsync(target, cancel.Token).AsTask();
        bool finished;
        try
        {
            finished = connecting.Wait(timeout);
        }
        catch (AggregateException failed) when (failed.InnerException is SocketException error)
        {
            throw TcpConnectException.From(endpoint, error);
        }
        catch (AggregateException failed) when (failed.InnerException is OperationCanceledException)
        {
            throw TcpConnectException.TimedOut(endpoint, timeout);
        }
        catch (AggregateException failed) when (failed.InnerException is { } inner)
        {
            ExceptionDispatchInfo.Throw(inner);
            throw;
        }

        if (!finished)
        {
            // The caller closes the socket, which ends the attempt; its late failure is expected.
            _ = connecting.ContinueWith(static attempt => _ = attempt.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw TcpConnectException.TimedOut(endpoint, timeout);
        }
    }

    private void Failing(Exception failure) =>
        Lose(failure is SerialDisconnectedException lost
            ? lost.Reason
            : $"closed because a subscriber failed ({failure.GetType().Name}: {failure.Message})");

    /// <summary>
    /// Reads until disposed (returns null) or lost (returns a <see cref="TcpDisconnectedException"/>).
    /// A subscriber throwing from OnNext also ends the link, with its exception (see <see cref="LinkReader.Deliver"/>).
    /// </summary>
    private Exception? Pump()
    {
        var buffer = new byte[ChunkCapacity];
        while (true)
        {
            int count;
            try
            {
                count = _socket.Receive(buffer, SocketFlags.None);
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException)
            {
                return Disposed ? null : Lost(error as SocketException);
            }

            if (Disposed)
            {
                return null;
            }

            if (count == 0)
            {
                return new TcpDisconnectedException(Path, Volatile.Read(ref _lostReason) ?? "closed by the converter");
            }

            if (_reader.Deliver(buffer.AsSpan(0, count)) is { } subscriberFault)
            {
                return subscriberFault;
            }
        }
    }

    private TcpDisconnectedException Lost(SocketException? error)
    {
        var reason = Volatile.Read(ref _lostReason);
        return reason is null && error is not null
            ? TcpDisconnectedException.From(Path, error)
            : new TcpDisconnectedException(Path, reason ?? "closed");
    }

    /// <summary>Marks the connection dead (the first reason wins) and shuts it down, so the reader reports the loss.</summary>
    private void Lose(string reason)
    {
        Interlocked.CompareExchange(ref _lostReason, reason, null);
        TryShutdown();
    }

    private bool TryShutdown()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
            return true;
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    private void ThrowIfUnusable()
    {
        if (Volatile.Read(ref _lostReason) is { } reason)
        {
            throw new TcpDisconnectedException(Path, reason);
        }

        ObjectDisposedException.ThrowIf(Disposed, this);
    }
}
