using System.Diagnostics;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using FluentAssertions;
using Streams.Transports.Serial;
using Xunit;

namespace Streams.IntegrationTests.Serial;

/// <summary><see cref="TermiosSerialPort"/> on both ends of a socat pty pair (see docs/peers.md §1).</summary>
public sealed class SocatTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("streams-socat-");

    private string A => Path.Combine(_directory.FullName, "a");

    private string B => Path.Combine(_directory.FullName, "b");

    public void Dispose() => _directory.Delete(recursive: true);

    [Theory]
    [InlineData(9600)]
    [InlineData(19200)]
    public async Task Bytes_cross_the_pair_both_ways_unaltered(int baud)
    {
        using var socat = await SocatPair.StartAsync(A, B);
        using var a = TermiosSerialPort.Open(socat.A, baud);
        using var b = TermiosSerialPort.Open(socat.B, baud);
        using var atA = new ByteCollector(a);
        using var atB = new ByteCollector(b);
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        a.Write(all);
        b.Write("hello from b"u8);

        (await atB.WaitForAsync(256).Within()).Should().Equal(all);
        (await atA.WaitForAsync(12).Within()).Should().Equal("hello from b"u8.ToArray());
    }

    [Fact]
    public async Task A_large_payload_keeps_its_order_through_socat()
    {
        using var socat = await SocatPair.StartAsync(A, B);
        using var a = TermiosSerialPort.Open(socat.A);
        using var b = TermiosSerialPort.Open(socat.B);
        using var atB = new ByteCollector(b);
        var payload = Bounded.Pattern(256 * 1024, seed: 6);

        var writer = Task.Run(() => a.Write(payload));

        (await atB.WaitForAsync(payload.Length).Within()).Should().Equal(payload);
        await writer.Within();
        atB.Chunks.Should().BeGreaterThan(10);
    }

    [Fact]
    public async Task Killing_socat_disconnects_both_ends_and_removes_the_links()
    {
        using var socat = await SocatPair.StartAsync(A, B);
        using var a = TermiosSerialPort.Open(socat.A);
        using var b = TermiosSerialPort.Open(socat.B);
        using var atA = new ByteCollector(a);
        using var atB = new ByteCollector(b);
        a.Write([1, 2, 3]);
        await atB.WaitForAsync(3).Within();

        var clock = Stopwatch.StartNew();
        await socat.TerminateAsync();
        var errors = await Task.WhenAll(atA.Terminated, atB.Terminated).Within();

        errors.Should().AllBeOfType<SerialDisconnectedException>();
        clock.Elapsed.Should().BeLessThan(Bounded.Wait);
        ((Action)(() => a.Write([4]))).Should().Throw<SerialDisconnectedException>();
        ((Action)(() => TermiosSerialPort.Open(socat.A))).Should().Throw<SerialPortOpenException>()
            .Which.ErrorName.Should().Be("ENOENT");
    }

    [Fact]
    public async Task After_sigkill_the_dangling_links_fail_to_open_with_ENOENT()
    {
        using var socat = await SocatPair.StartAsync(A, B);
        using var a = TermiosSerialPort.Open(socat.A);
        using var atA = new ByteCollector(a);

        await socat.KillAsync();

        (await atA.Terminated.Within()).Should().BeOfType<SerialDisconnectedException>();
        new FileInfo(socat.A).LinkTarget.Should().NotBeNull("SIGKILL leaves the link behind");
        ((Action)(() => TermiosSerialPort.Open(socat.A))).Should().Throw<SerialPortOpenException>()
            .Which.ErrorName.Should().Be("ENOENT");
    }

    [Fact]
    public async Task The_reconnecting_link_rides_out_a_socat_restart()
    {
        using var scheduler = new EventLoopScheduler();
        var policy = new ReconnectPolicy(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200));
        var socat = await SocatPair.StartAsync(A, B);
        try
        {
            var statuses = SerialLinks.Reconnecting(() => TermiosSerialPort.Open(A), policy, scheduler).Replay();
            var bytes = statuses.ReceivedWhileConnected().Replay();
            using var receiving = bytes.Connect();
            using var running = statuses.Connect();
            await statuses.OfType<LinkStatus.Connected>().FirstAsync().ToTask().Within();

            await socat.TerminateAsync();
            var lost = await statuses.OfType<LinkStatus.Disconnected>().FirstAsync().ToTask().Within();
            lost.Reason.Should().BeOfType<SerialDisconnectedException>();
            await statuses.OfType<LinkStatus.Disconnected>().Where(d => d.Reason is SerialPortOpenException).FirstAsync().ToTask().Within();

            socat.Dispose();
            socat = await SocatPair.StartAsync(A, B);
            await statuses.OfType<LinkStatus.Connected>().Skip(1).FirstAsync().ToTask().Within();
            using var peer = TermiosSerialPort.Open(B);
            peer.Write([0x42, 0x43]);

            var received = await bytes.SelectMany(chunk => chunk.ToArray()).Take(2).ToArray().ToTask().Within();
            received.Should().Equal(0x42, 0x43);
        }
        finally
        {
            socat.Dispose();
        }
    }
}
