using System.Globalization;
using System.Text.RegularExpressions;
using Streams.IntegrationTests.Serial;
using Streams.IntegrationTests.Support;
using Streams.Transports.Tcp;

namespace Streams.IntegrationTests.Tcp;

/// <summary>
/// socat as a transparent RS-485 converter: a TCP listener on 127.0.0.1 whose connection is bridged
/// byte for byte to a serial line (a pty), exactly what an EW11 or USR-TCP232 in transparent mode
/// does. It serves one connection (a converter has one client) and exits when it ends; killing it is
/// the converter losing power, and <see cref="RestartAsync"/> brings it back on the same port.
/// </summary>
internal sealed partial class SocatConverter : IDisposable
{
    private readonly ChildProcess _socat;
    private readonly string[] _line;
    private int _disposed;

    private SocatConverter(ChildProcess socat, string[] line, int port, string? ptyPath)
    {
        _socat = socat;
        _line = line;
        Port = port;
        PtyPath = ptyPath;
    }

    public int Port { get; }

    /// <summary>The pty socat made for <see cref="WithOwnPtyAsync"/>, else null.</summary>
    public string? PtyPath { get; }

    public TcpEndpoint Endpoint => TcpEndpoint.Parse($"tcp://127.0.0.1:{Port}");

    public string Log => _socat.StandardError;

    /// <summary>A converter on an existing serial device, e.g. the pty a simulator serves (<c>/dev/pts/N</c>).</summary>
    public static Task<SocatConverter> OnDeviceAsync(string device, int port = 0) =>
        StartAsync(port, [$"FILE:{device},raw,echo=0"], listenFirst: true);

    /// <summary>A converter whose serial side is a new pty, symlinked at <paramref name="linkPath"/>, for a program that opens a serial device (libmodbus's slave).</summary>
    public static Task<SocatConverter> WithOwnPtyAsync(string linkPath, int port = 0) =>
        StartAsync(port, [$"PTY,link={linkPath},raw,echo=0"], listenFirst: false);

    /// <summary>The converter back after a power cut: the same serial side, the same port.</summary>
    public Task<SocatConverter> RestartAsync() => StartAsync(Port, _line, listenFirst: _line[0].StartsWith("FILE:", StringComparison.Ordinal));

    /// <summary>Kills socat (SIGKILL): the connection goes with it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _socat.Dispose();
        }
    }

    private static async Task<SocatConverter> StartAsync(int port, string[] line, bool listenFirst)
    {
        var listen = $"TCP-LISTEN:{port},bind=127.0.0.1,reuseaddr";
        // socat opens its first address first: a pty must exist before the slave opens it, a device is opened on connect.
        string[] arguments = ["-d", "-d", .. listenFirst ? new[] { listen, line[0] } : [line[0], listen]];
        var socat = ChildProcess.Start(ExternalTool.Find("socat", "socat"), arguments);
        try
        {
            await Bounded.Until(() => Listening().IsMatch(socat.StandardError), $"socat to listen ({string.Join(' ', arguments)})");
            var bound = int.Parse(Listening().Match(socat.StandardError).Groups[1].Value, CultureInfo.InvariantCulture);
            var pty = PtyIs().Match(socat.StandardError);
            return new SocatConverter(socat, line, bound, pty.Success ? pty.Groups[1].Value : null);
        }
        catch
        {
            socat.Dispose();
            throw;
        }
    }

    [GeneratedRegex(@"listening on AF=2 127\.0\.0\.1:(\d+)")]
    private static partial Regex Listening();

    [GeneratedRegex(@"PTY is (\S+)")]
    private static partial Regex PtyIs();
}
