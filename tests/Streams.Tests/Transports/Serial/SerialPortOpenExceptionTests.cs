using FluentAssertions;
using Streams.Transports.Serial;
using Streams.Transports.Serial.Native;
using Xunit;

namespace Streams.Tests.Transports.Serial;

public sealed class SerialPortOpenExceptionTests
{
    [Theory]
    [InlineData("open", Errno.ENOENT, "Serial port /dev/ttyUSB9 not found (ENOENT: No such file or directory)")]
    [InlineData("open", Errno.EACCES, "Serial port /dev/ttyUSB9 permission denied (EACCES: Permission denied); is the user in the 'dialout' group?")]
    [InlineData("open", Errno.EBUSY, "Cannot open serial port /dev/ttyUSB9 (EBUSY: Device or resource busy)")]
    [InlineData("tcgetattr", Errno.ENOTTY, "/dev/ttyUSB9 is not a serial port (ENOTTY: Inappropriate ioctl for device)")]
    [InlineData("tcsetattr (9600 baud 8N1 raw mode)", Errno.EINVAL, "Cannot configure serial port /dev/ttyUSB9: tcsetattr (9600 baud 8N1 raw mode) failed (EINVAL: Invalid argument)")]
    public void Messages_name_the_path_and_the_errno_on_one_line(string operation, int errno, string expected)
    {
        var error = SerialPortOpenException.FromErrno("/dev/ttyUSB9", operation, errno);

        error.Message.Should().Be(expected);
        error.Path.Should().Be("/dev/ttyUSB9");
        error.ErrorName.Should().Be(Errno.Name(errno));
    }

    [Fact]
    public void Unknown_errnos_are_named_by_number()
    {
        Errno.Name(123).Should().Be("errno 123");
    }

    [Fact]
    public void Disconnection_messages_carry_path_and_reason()
    {
        var error = new SerialDisconnectedException("/dev/ttyUSB0", "hangup (POLLERR|POLLHUP)");

        error.Message.Should().Be("Serial port /dev/ttyUSB0 disconnected (hangup (POLLERR|POLLHUP))");
        error.Should().BeAssignableTo<IOException>();
    }
}
