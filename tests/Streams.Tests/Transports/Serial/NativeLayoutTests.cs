using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FluentAssertions;
using Streams.Transports.Serial.Native;
using Xunit;

namespace Streams.Tests.Transports.Serial;

/// <summary>
/// Pins the managed mirrors of libc structs to the linux-x64 glibc layouts (offsets from
/// <c>offsetof</c> on glibc 2.36, see docs/peers.md §1).
/// </summary>
public sealed class NativeLayoutTests
{
    [Fact]
    public void Termios_is_glibcs_60_byte_struct()
    {
        Unsafe.SizeOf<Termios>().Should().Be(60);
        Marshal.SizeOf<Termios>().Should().Be(60);
    }

    [Theory]
    [InlineData(nameof(Termios.InputFlags), 0)]
    [InlineData(nameof(Termios.OutputFlags), 4)]
    [InlineData(nameof(Termios.ControlFlags), 8)]
    [InlineData(nameof(Termios.LocalFlags), 12)]
    [InlineData(nameof(Termios.LineDiscipline), 16)]
    [InlineData(nameof(Termios.ControlChars), 17)]
    [InlineData(nameof(Termios.InputSpeed), 52)]
    [InlineData(nameof(Termios.OutputSpeed), 56)]
    public void Termios_fields_sit_at_glibcs_offsets(string field, int offset)
    {
        Marshal.OffsetOf<Termios>(field).ToInt32().Should().Be(offset);
    }

    [Fact]
    public void Control_chars_are_32_bytes_and_index_vmin_vtime()
    {
        Unsafe.SizeOf<TermiosControlChars>().Should().Be(32);
        var termios = default(Termios);
        termios.ControlChars[Termios.VMIN] = 1;
        termios.ControlChars[Termios.VTIME] = 7;

        var raw = MemoryMarshal.AsBytes(new Span<Termios>(ref termios));

        raw[17 + 6].Should().Be(1);
        raw[17 + 5].Should().Be(7);
        raw[52..].ToArray().Should().OnlyContain(b => b == 0);
    }

    [Fact]
    public void Pollfd_and_serial_rs485_match_the_kernel_sizes()
    {
        Unsafe.SizeOf<PollFd>().Should().Be(8);
        Marshal.OffsetOf<PollFd>(nameof(PollFd.ReturnedEvents)).ToInt32().Should().Be(6);
        Unsafe.SizeOf<SerialRs485>().Should().Be(32);
    }

    [Theory]
    [InlineData(9600, "15")]
    [InlineData(19200, "16")]
    [InlineData(38400, "17")]
    [InlineData(57600, "10001")]
    [InlineData(115200, "10002")]
    public void Baud_rates_map_to_linux_speed_codes(int baud, string octalCode)
    {
        BaudRates.TryGetSpeedCode(baud, out var actual).Should().BeTrue();
        actual.Should().Be(Convert.ToUInt32(octalCode, 8));
    }

    [Fact]
    public void Speed_codes_fit_the_cbaud_mask()
    {
        foreach (var baud in BaudRates.Supported)
        {
            BaudRates.TryGetSpeedCode(baud, out var code).Should().BeTrue();
            (code & ~Termios.CBAUD).Should().Be(0u, $"{baud} must be a CBAUD code");
        }
    }
}
