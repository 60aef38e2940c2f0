using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using FluentAssertions;
using Streams.Transports.Serial;
using Xunit;

namespace Streams.IntegrationTests.Serial;

/// <summary><see cref="SerialLinks.Reconnecting"/> over real ports: a pty pair behind a symlink is unplugged and replaced.</summary>
public sealed class ReconnectingLinkTests : IDisposable
{
    private static readonly ReconnectPolicy Policy = new(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(160));

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("streams-reconnect-");
    private readonly EventLoopScheduler _scheduler = new();

    private string LinkPath => Path.Combine(_directory.FullName, "ttyBMS");

    public void Dispose()
    {
        _scheduler.Dispose();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Reports_the_unplug_backs_off_and_reconnects_to_the_new_device()
    {
        var first = PseudoTerminal.Open(LinkPath);
        var statuses = SerialLinks.Reconnecting(() => TermiosSerialPort.Open(LinkPath), Policy, _scheduler).Replay();
        var bytes = statuses.ReceivedWhileConnected().Replay();
        using var receiving = bytes.Connect();
        using (statuses.Connect())
        {
            var connected = await statuses.OfType<LinkStatus.Connected>().FirstAsync().ToTask().Within();
            connected.Link.Path.Should().Be(LinkPath);
            first.Master.Write([1]);
            await bytes.FirstAsync().ToTask().Within();

            first.Dispose();
            var log = await statuses.Take(6).ToList().ToTask().Within();

            log[1].Should().BeOfType<LinkStatus.Disconnected>()
                .Which.Reason.Should().BeOfType<SerialDisconnectedException>();
            log[2].Should().Be(new LinkStatus.RetryIn(TimeSpan.FromMilliseconds(20), 1));
            log[3].Should().BeOfType<LinkStatus.Disconnected>()
                .Which.Reason.Should().BeOfType<SerialPortOpenException>().Which.ErrorName.Should().Be("ENOENT");
            log[4].Should().Be(new LinkStatus.RetryIn(TimeSpan.FromMilliseconds(40), 2));

            using var second = PseudoTerminal.Open(LinkPath);
            var reconnected = await statuses.OfType<LinkStatus.Connected>().Skip(1).FirstAsync().ToTask().Within();
            second.Master.Write([2, 3]);

            var received = await bytes.SelectMany(chunk => chunk.ToArray()).Take(3).ToArray().ToTask().Within();
            received.Should().Equal(1, 2, 3);
            reconnected.Link.Should().NotBeSameAs(connected.Link);
            ((Action)(() => connected.Link.Write([0]))).Should().Throw<SerialDisconnectedException>();
        }
    }

    [Fact]
    public async Task Disposing_the_subscription_closes_the_port()
    {
        using var pty = PseudoTerminal.Open(LinkPath);
        var statuses = SerialLinks.Reconnecting(() => TermiosSerialPort.Open(LinkPath), Policy, _scheduler).Replay();
        var running = statuses.Connect();
        var connected = await statuses.OfType<LinkStatus.Connected>().FirstAsync().ToTask().Within();

        running.Dispose();

        ((Action)(() => connected.Link.Write([0]))).Should().Throw<ObjectDisposedException>();
    }
}
