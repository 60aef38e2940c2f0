using System.Diagnostics;
using System.Runtime.InteropServices;
using FluentAssertions;
using Streams.Transports.Serial;
using Streams.Transports.Serial.Native;
using Xunit;

namespace Streams.IntegrationTests.Serial;

/// <summary><see cref="TermiosSerialPort"/> against the device side of a real pty, the test playing the device on the master.</summary>
public sealed class TermiosSerialPortTests : IDisposable
{
    private readonly PseudoTerminal _pty = PseudoTerminal.Open();

    public void Dispose() => _pty.Dispose();

    [Theory]
    [InlineData(9600)]
    [InlineData(19200)]
    [InlineData(38400)]
    [InlineData(115200)]
    public async Task Every_byte_value_crosses_unaltered_at_each_baud_rate(int baud)
    {
        using var port = TermiosSerialPort.Open(_pty.Path, baud);
        using var atPort = new ByteCollector(port);
        using var atMaster = new ByteCollector(_pty.Master);
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        _pty.Master.Write(all);
        port.Write(all.Reverse().ToArray());

        (await atPort.WaitForAsync(256).Within()).Should().Equal(all);
        (await atMaster.WaitForAsync(256).Within()).Should().Equal(all.Reverse());
    }

    [Fact]
    public void The_requested_raw_8N1_settings_and_speed_are_in_effect()
    {
        using var port = TermiosSerialPort.Open(_pty.Path, 19200);
        using var fd = TermiosSerialPort.OpenDescriptor(_pty.DevicePath);
        using var lease = fd.Lease();

        Libc.tcgetattr(lease.Fd, out var termios).Should().Be(0);

        Libc.cfgetospeed(ref termios).Should().Be(Convert.ToUInt32("16", 8));
        Libc.cfgetispeed(ref termios).Should().Be(Convert.ToUInt32("16", 8));
        (termios.ControlFlags & (Termios.CSIZE | Termios.PARENB | Termios.CSTOPB | Termios.CRTSCTS)).Should().Be(Termios.CS8);
        (termios.ControlFlags & (Termios.CREAD | Termios.CLOCAL)).Should().Be(Termios.CREAD | Termios.CLOCAL);
        (termios.LocalFlags & (Termios.ICANON | Termios.ECHO | Termios.ISIG)).Should().Be(0);
        (termios.InputFlags & (Termios.IXON | Termios.IXOFF)).Should().Be(0);
    }

    [Fact]
    public async Task A_megabyte_from_the_device_arrives_complete_and_in_order()
    {
        using var port = TermiosSerialPort.Open(_pty.Path);
        using var atPort = new ByteCollector(port);
        var payload = Bounded.Pattern(1 << 20, seed: 1);

        var writer = Task.Run(() =>
        {
            // Uneven pieces, so the reader sees chunk boundaries unrelated to the writes.
            var random = new Random(2);
            for (var offset = 0; offset < payload.Length;)
            {
                var size = Math.Min(random.Next(1, 3000), payload.Length - offset);
                _pty.Master.Write(payload.AsSpan(offset, size));
                offset += size;
            }
        });

        (await atPort.WaitForAsync(payload.Length).Within()).Should().Equal(payload);
        await writer.Within();
        atPort.Chunks.Should().BeGreaterThan(100, "a megabyte cannot fit the pty buffer, so it arrives in many reads");
    }

    [Fact]
    public async Task A_megabyte_to_the_device_is_written_fully_through_partial_writes()
    {
        using var port = TermiosSerialPort.Open(_pty.Path);
        using var atMaster = new ByteCollector(_pty.Master);
        var payload = Bounded.Pattern(1 << 20, seed: 3);

        // One call far larger than the pty buffer: only partial writes and EAGAIN waits get it through.
        var writer = Task.Run(() => port.Write(payload));

        (await atMaster.WaitForAsync(payload.Length).Within()).Should().Equal(payload);
        await writer.Within();
    }

    [Fact]
    public async Task Both_directions_at_once_keep_their_order()
    {
        using var port = TermiosSerialPort.Open(_pty.Path);
        using var atPort = new ByteCollector(port);
        using var atMaster = new ByteCollector(_pty.Master);
        var down = Bounded.Pattern(256 * 1024, seed: 4);
        var up = Bounded.Pattern(256 * 1024, seed: 5);

        var writers = Task.WhenAll(
            Task.Run(() => _pty.Master.Write(down)),
            Task.Run(() => port.Write(up)));

        (await atPort.WaitForAsync(down.Length).Within()).Should().Equal(down);
        (await atMaster.WaitForAsync(up.Length).Within()).Should().Equal(up);
        await writers.Within();
    }

    [Fact]
    public async Task Bytes_sent_before_the_first_subscription_wait_in_the_kernel()
    {
        using var port = TermiosSerialPort.Open(_pty.Path);
        _pty.Master.Write([0xAA, 0x55]);

        using var atPort = new ByteCollector(port);

        (await atPort.WaitForAsync(2).Within()).Should().Equal(0xAA, 0x55);
    }

    [Fact]
    public async Task Opening_flushes_what_the_device_sent_earlier()
    {
        _pty.Master.Write([1, 2, 3]);
        await WaitUntilReadable(_pty.DevicePath);
        using var port = TermiosSerialPort.Open(_pty.Path);
        _pty.Master.Write([4]);

        using var atPort = new ByteCollector(port);

        (await atPort.WaitForAsync(1).Within()).Should().Equal(4);
    }

    [Fact]
    public async Task Closing_the_master_mid_stream_errors_received_with_a_typed_disconnect()
    {
        using var port = TermiosSerialPort.Open(_pty.Path);
        using var atPort = new ByteCollector(port);
        _pty.Master.Write([1, 2, 3]);
        await atPort.WaitForAsync(3).Within();

        var clock = Stopwatch.StartNew();
        _pty.Master.Dispose();
        var error = await atPort.Terminated.Within();
        clock.Stop();

        error.Should().BeOfType<SerialDisconnectedException>()
            .Which.Message.Should().StartWith($"Serial port {_pty.Path} disconnected (hangup");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1));
        var write = () => port.Write([1]);
        write.Should().Throw<SerialDisconnectedException>().Which.Path.Should().Be(_pty.Path);
    }

    [Fact]
    public async Task A_subscriber_after_the_disconnect_gets_the_error_at_once()
    {
        using var port = TermiosSerialPort.Open(_pty.Path);
        using (var first = new ByteCollector(port))
        {
            _pty.Master.Dispose();
            await first.Terminated.Within();
        }

        using var late = new ByteCollector(port);

        (await late.Terminated.Within()).Should().BeOfType<SerialDisconnectedException>();
    }

    [Fact]
    public async Task A_subscriber_throwing_closes_the_link_and_errors_the_others()
    {
        using var port = TermiosSerialPort.Open(_pty.Path);
        using var watcher = new ByteCollector(port);
        using var faulty = port.Received.Subscribe(_ => throw new InvalidDataException("decoder bug"));

        _pty.Master.Write([1]);

        (await watcher.Terminated.Within()).Should().BeOfType<InvalidDataException>().Which.Message.Should().Be("decoder bug");
        ((Action)(() => port.Write([2]))).Should().Throw<SerialDisconnectedException>()
            .WithMessage($"Serial port {_pty.Path} disconnected (closed because a subscriber failed (InvalidDataException: decoder bug))");
    }

    [Fact]
    public async Task Dispose_wakes_a_reader_blocked_in_poll_and_completes_received()
    {
        var port = TermiosSerialPort.Open(_pty.Path);
        using var atPort = new ByteCollector(port);
        await Bounded.Until(() => port.Link.ReaderThreadId != 0, "the reader thread to start");

        var clock = Stopwatch.StartNew();
        port.Dispose();
        clock.Stop();

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1), "the wake pipe cuts the infinite poll short");
        (await atPort.Terminated.Within()).Should().BeNull("disposal completes the stream");
        ((Action)(() => port.Write([1]))).Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public async Task Dispose_without_any_subscriber_completes_later_subscribers()
    {
        var port = TermiosSerialPort.Open(_pty.Path);
        port.Dispose();

        using var late = new ByteCollector(port);

        (await late.Terminated.Within()).Should().BeNull();
    }

    [Fact]
    public void A_write_the_device_never_drains_times_out()
    {
        using var port = TermiosSerialPort.Open(new SerialSettings(_pty.Path) { WriteTimeout = TimeSpan.FromMilliseconds(200) });

        var clock = Stopwatch.StartNew();
        var act = () => port.Write(new byte[1 << 20]);

        act.Should().Throw<TimeoutException>().WithMessage($"Serial port {_pty.Path}: no byte could be written for 200 ms");
        clock.Elapsed.Should().BeLessThan(Bounded.Wait);
    }

    [Fact]
    public async Task Dispose_cancels_a_write_waiting_for_room()
    {
        var port = TermiosSerialPort.Open(new SerialSettings(_pty.Path) { WriteTimeout = Timeout.InfiniteTimeSpan });
        var writer = Task.Run(() => port.Write(new byte[1 << 20]));
        await Bounded.Until(() => writer.IsCompleted || port.Link.WaitsForRoom > 0, "the write to fill the pty buffer");
        writer.IsCompleted.Should().BeFalse("a megabyte does not fit the pty buffer");

        port.Dispose();

        await FluentActions.Awaiting(() => writer.Within()).Should().ThrowAsync<ObjectDisposedException>();
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Signals_interrupting_the_readers_poll_are_retried()
    {
        using var handler = PosixSignalRegistration.Create(PosixSignal.SIGWINCH, context => context.Cancel = true);
        using var port = TermiosSerialPort.Open(_pty.Path);
        using var atPort = new ByteCollector(port);
        await Bounded.Until(() => port.Link.ReaderThreadId != 0, "the reader thread to start");

        const int SIGWINCH = 28;
        await Bounded.Until(
            () => Libc.tgkill(Environment.ProcessId, port.Link.ReaderThreadId, SIGWINCH) == 0 && port.Link.InterruptedPolls >= 3,
            "poll to be interrupted by SIGWINCH three times");
        _pty.Master.Write([7, 8, 9]);
        (await atPort.WaitForAsync(3).Within()).Should().Equal(7, 8, 9);
        atPort.Terminated.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public void Requested_rs485_is_refused_by_a_pty_without_failing_the_open()
    {
        using var port = TermiosSerialPort.Open(new SerialSettings(_pty.Path) { Rs485 = new Rs485Settings() });

        port.IsRs485Enabled.Should().BeFalse();
        port.Rs485Problem.Should().Be($"RS-485 mode not available on {_pty.Path} (ENOTTY: Inappropriate ioctl for device)");
    }

    [Fact]
    public void Rs485_is_left_alone_unless_requested()
    {
        using var port = TermiosSerialPort.Open(_pty.Path);

        port.IsRs485Enabled.Should().BeFalse();
        port.Rs485Problem.Should().BeNull();
    }

    /// <summary>Bytes written to a master reach the device side asynchronously; wait until they are there.</summary>
    private static Task WaitUntilReadable(string devicePath) => Task.Run(() =>
    {
        using var fd = TermiosSerialPort.OpenDescriptor(devicePath);
        using var lease = fd.Lease();
        var probe = new PollFd(lease.Fd, PollFd.POLLIN);
        Libc.poll(ref probe, 1, (int)Bounded.Wait.TotalMilliseconds).Should().Be(1, "the bytes should reach the device side");
    });
}
