using FluentAssertions;
using Streams.Transports.Serial;
using Xunit;

namespace Streams.IntegrationTests.Serial;

public sealed class OpenFailureTests
{
    [Fact]
    public void A_missing_port_fails_with_ENOENT_on_one_line()
    {
        var act = () => TermiosSerialPort.Open("/dev/ttyUSB-streams-missing");

        var error = act.Should().Throw<SerialPortOpenException>().Which;
        error.Message.Should().Be("Serial port /dev/ttyUSB-streams-missing not found (ENOENT: No such file or directory)");
        error.ErrorName.Should().Be("ENOENT");
        error.Path.Should().Be("/dev/ttyUSB-streams-missing");
    }

    [Fact]
    public void A_dangling_symlink_fails_with_ENOENT()
    {
        var directory = Directory.CreateTempSubdirectory("streams-serial-");
        try
        {
            var link = Path.Combine(directory.FullName, "ttyBMS");
            File.CreateSymbolicLink(link, "/dev/pts/does-not-exist");

            var act = () => TermiosSerialPort.Open(link);

            act.Should().Throw<SerialPortOpenException>().Which.ErrorName.Should().Be("ENOENT");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_regular_file_is_not_a_serial_port()
    {
        var file = Path.GetTempFileName();
        try
        {
            var act = () => TermiosSerialPort.Open(file);

            act.Should().Throw<SerialPortOpenException>()
                .WithMessage($"{file} is not a serial port (ENOTTY: Inappropriate ioctl for device)");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_directory_is_refused_by_open()
    {
        var act = () => TermiosSerialPort.Open("/tmp");

        act.Should().Throw<SerialPortOpenException>()
            .WithMessage("Cannot open serial port /tmp (EISDIR: Is a directory)");
    }
}
