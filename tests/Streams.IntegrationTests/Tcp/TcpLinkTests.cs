using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using FluentAssertions;
using Streams.IntegrationTests.Serial;
using Streams.Transports.Serial;
using Streams.Transports.Tcp;
using Xunit;

namespace Streams.IntegrationTests.Tcp;

/// <summary><see cref="TcpLink"/> on real loopback connections: the byte-link contract, every way a connection ends, and every bounded wait.</summary>
public sealed class TcpLinkTests : IDisposable
{
    private readonly LoopbackPeer _peer = new();

    public void Dispose() => _peer.Dispose();

    [Fact]
    public async Task Carries_bytes_both_ways_as_owned_chunks_shared_by_every_subscriber()
    {
        using var link = TcpLink.Connect(new TcpSettings(_peer.Endpoint()));
        using var converter = await _peer.AcceptAsync();
        using var first = new ByteCollector(link);
        using var second = new ByteCollector(link);

        var pattern = Bounded.Pattern(100_000, seed: 5);
        converter.Send(pattern);
        link.Write([0x01, 0x03, 0x00, 0x00, 0x00, 0x27, 0x05, 0xD0]);
        var request = new byte[8];
        var got = 0;
        while (got < 8)
        {
            got += await converter.ReceiveAsync(request.AsMemory(got)).AsTask().Within();
        }

        (await first.WaitForAsync(pattern.Length).Within()).Should().Equal(pattern);
        (await second.WaitForAsync(pattern.Length).Within()).Should().Equal(pattern);
        request.Should().Equal(0x01, 0x03, 0x00, 0x00, 0x00, 0x27, 0x05, 0xD0);
        link.Path.Should().Be($"tcp://127.0.0.1:{_peer.Port}");
    }

    [Fact]
    public async Task Sets_keep_alive_10_5_3_a_25_second_user_timeout_no_nagle_and_the_write_timeout()
    {
        using var link = TcpLink.Connect(new TcpSettings(_peer.Endpoint()));
        using var converter = await _peer.AcceptAsync();
        var socket = link.Socket;

        socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive).Should().Be(1);
        socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime).Should().Be(10);
        socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval).Should().Be(5);
        socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount).Should().Be(3);
        var userTimeout = new byte[4];
        socket.GetRawSocketOption((int)ProtocolType.Tcp, 18, userTimeout).Should().Be(4);
        BitConverter.ToInt32(userTimeout).Should().Be(25_000, "TCP_USER_TIMEOUT bounds a request that is never acknowledged");
        socket.NoDelay.Should().BeTrue();
        socket.SendTimeout.Should().Be(2000);
    }

    [Fact]
    public async Task A_converter_that_closes_the_connection_errors_received_with_the_disconnect_and_writes_fail_alike()
    {
        using var link = TcpLink.Connect(new TcpSettings(_peer.Endpoint()));
        var converter = await _peer.AcceptAsync();
        using var bytes = new ByteCollector(link);

        converter.Shutdown(SocketShutdown.Both);
        converter.Close();

        var lost = (await bytes.Terminated.Within()).Should().BeOfType<TcpDisconnectedException>().Subject;
        lost.Should().BeAssignableTo<SerialDisconnectedException>("everything above the link handles one disconnect type");
        lost.Message.Should().Be($"Connection to converter tcp://127.0.0.1:{_peer.Port} lost (closed by the converter)");
        ((Action)(() => link.Write([1]))).Should().Throw<TcpDisconnectedException>().Which.Reason.Should().Be("closed by the converter");
        (await link.Received.Materialize().ToTask().Within()).Exception.Should().BeSameAs(lost, "a later subscriber gets the same terminal");
    }

    [Fact]
    public async Task A_converter_that_resets_the_connection_is_reported_as_a_reset()
    {
        using var link = TcpLink.Connect(new TcpSettings(_peer.Endpoint()));
        var converter = await _peer.AcceptAsync();
        using var bytes = new ByteCollector(link);

        LoopbackPeer.Reset(converter);

        (await bytes.Terminated.Within()).Should().BeOfType<TcpDisconnectedException>()
            .Which.Reason.Should().Be("reset by the converter (ECONNRESET)");
    }

    [Fact]
    public async Task A_converter_that_stops_reading_fails_the_write_within_its_timeout_and_drops_the_connection()
    {
        var settings = new TcpSettings(_peer.Endpoint()) { WriteTimeout = TimeSpan.FromMilliseconds(300) };
        using var link = TcpLink.Connect(settings);
        using var converter = await _peer.AcceptAsync();
        using var bytes = new ByteCollector(link);
        var block = new byte[256 * 1024];

        var writing = Task.Run(() =>
        {
            // The kernel buffers a few MB on loopback; 100 MB is far more than it can hold.
            for (var i = 0; i < 400; i++)
            {
                link.Write(block);
            }
        });
        var failure = await Assert.ThrowsAsync<TimeoutException>(() => writing.WaitAsync(TimeSpan.FromSeconds(30)));

        failure.Message.Should().Be($"Converter tcp://127.0.0.1:{_peer.Port}: no byte could be written for 300 ms; the connection is dropped");
        (await bytes.Terminated.Within()).Should().BeOfType<TcpDisconnectedException>()
            .Which.Reason.Should().Be("a write found no room for 300 ms: the converter stopped reading");
        ((Action)(() => link.Write([1]))).Should().Throw<TcpDisconnectedException>();
    }

    [Fact]
    public void A_port_nobody_listens_on_is_refused_with_a_message_naming_it()
    {
        var port = _peer.Port;
        _peer.Dispose();

        var act = () => TcpLink.Connect(new TcpSettings(TcpEndpoint.Parse($"tcp://127.0.0.1:{port}")));

        act.Should().Throw<TcpConnectException>()
            .WithMessage($"Converter tcp://127.0.0.1:{port} refused the connection (ECONNREFUSED: nothing listens on port {port})")
            .Which.Should().BeAssignableTo<IOException>("the reconnect loop retries IOExceptions");
    }

    [Fact]
    public async Task A_converter_that_never_completes_the_handshake_times_out_within_the_connect_timeout()
    {
        // A listener that never accepts: once its queue is full, the kernel drops further SYNs, as a
        // converter out of Wi-Fi range does.
        using var full = new LoopbackPeer(backlog: 1);
        var queued = new List<Socket>();
        try
        {
            while (queued.Count < 64)
            {
                var client = new Socket(SocketType.Stream, ProtocolType.Tcp);
                queued.Add(client);
                using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
                try
                {
                    await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, full.Port), cancel.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            var settings = new TcpSettings(full.Endpoint()) { ConnectTimeout = TimeSpan.FromMilliseconds(400) };
            var watch = Stopwatch.StartNew();
            var act = () => TcpLink.Connect(settings);

            act.Should().Throw<TcpConnectException>().WithMessage(
                $"Converter tcp://127.0.0.1:{full.Port} did not answer within 0.4 s (powered off, out of Wi-Fi range, or a wrong address)");
            watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "the attempt is bounded by its timeout");
        }
        finally
        {
            queued.ForEach(socket => socket.Dispose());
        }
    }

    [Fact]
    public async Task Connects_by_host_name_and_to_an_ipv6_address()
    {
        using var byName = TcpLink.Connect(new TcpSettings(_peer.Endpoint("localhost")));
        using var v6 = new LoopbackPeer(IPAddress.IPv6Loopback);
        using var byV6 = TcpLink.Connect(new TcpSettings(v6.Endpoint()));
        using var first = await _peer.AcceptAsync();
        using var second = await v6.AcceptAsync();

        byName.Path.Should().Be($"tcp://localhost:{_peer.Port}");
        byV6.Path.Should().Be($"tcp://[::1]:{v6.Port}");
        byV6.Write([7]);
        var received = new byte[1];
        (await second.ReceiveAsync(received, SocketFlags.None).Within()).Should().Be(1);
        received[0].Should().Be(7);
    }

    [Fact]
    public async Task Dispose_wakes_the_reader_completes_received_and_later_writes_say_so()
    {
        var link = TcpLink.Connect(new TcpSettings(_peer.Endpoint()));
        using var converter = await _peer.AcceptAsync();
        using var bytes = new ByteCollector(link);
        converter.Send([1, 2, 3]);
        await bytes.WaitForAsync(3).Within();

        await Task.Run(link.Dispose).Within();

        (await bytes.Terminated.Within()).Should().BeNull("disposing completes the stream");
        ((Action)(() => link.Write([1]))).Should().Throw<ObjectDisposedException>();
        var closed = new byte[1];
        (await converter.ReceiveAsync(closed, SocketFlags.None).Within()).Should().Be(0, "the converter sees the connection closed");
    }

    [Fact]
    public async Task A_subscriber_that_throws_closes_the_link_for_everyone_without_crashing()
    {
        using var link = TcpLink.Connect(new TcpSettings(_peer.Endpoint()));
        using var converter = await _peer.AcceptAsync();
        using var other = new ByteCollector(link);
        using var faulty = link.Received.Subscribe(_ => throw new InvalidOperationException("bug"), static _ => { });

        converter.Send([9]);

        (await other.Terminated.Within()).Should().BeOfType<InvalidOperationException>().Which.Message.Should().Be("bug");
        ((Action)(() => link.Write([1]))).Should().Throw<TcpDisconnectedException>()
            .Which.Reason.Should().Be("closed because a subscriber failed (InvalidOperationException: bug)");
    }
}
