using Streams.Transports.Serial.Native;

namespace Streams.Transports.Serial;

/// <summary>How to open a serial port: raw 8N1 at <see cref="BaudRate"/>.</summary>
internal sealed record SerialSettings
{
    private readonly string _path = "";
    private readonly int _baudRate;
    private readonly TimeSpan _writeTimeout = TimeSpan.FromSeconds(5);

    /// <exception cref="ArgumentException">Empty path or unsupported baud rate (one-line message).</exception>
    public SerialSettings(string path, int baudRate = 9600)
    {
        Path = path;
        BaudRate = baudRate;
    }

    /// <summary>The baud rates this transport can set (termios has no arbitrary rates without <c>BOTHER</c>).</summary>
    public static IReadOnlyList<int> SupportedBaudRates => BaudRates.Supported;

    /// <summary>Device path, e.g. <c>/dev/ttyUSB0</c> or a <c>/dev/serial/by-id/...</c> symlink.</summary>
    public string Path
    {
        get => _path;
        init => _path = string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException("Serial port path is empty")
            : value;
    }

    /// <summary>Bits per second; one of <see cref="SupportedBaudRates"/>.</summary>
    public int BaudRate
    {
        get => _baudRate;
        init => _baudRate = BaudRates.TryGetSpeedCode(value, out _)
            ? value
            : throw new ArgumentException(
                $"Unsupported baud rate {value}; use one of {string.Join(", ", BaudRates.Supported)}");
    }

    /// <summary>
    /// How long a write may wait without the driver accepting a single byte before it fails with
    /// <see cref="TimeoutException"/>. <see cref="Timeout.InfiniteTimeSpan"/> waits for ever. Default 5 s.
    /// </summary>
    public TimeSpan WriteTimeout
    {
        get => _writeTimeout;
        init => _writeTimeout = value > TimeSpan.Zero || value == Timeout.InfiniteTimeSpan
            ? value
            : throw new ArgumentException($"Serial write timeout must be positive, was {value}");
    }

    /// <summary>Kernel RS-485 direction control to request, or null (the default) to leave the port alone.</summary>
    public Rs485Settings? Rs485 { get; init; }

    internal uint SpeedCode => BaudRates.TryGetSpeedCode(BaudRate, out var code) ? code : 0;

    public override string ToString() => $"{Path} {BaudRate} 8N1";
}
