using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Streams.IntegrationTests.HomeAssistant;

/// <summary>
/// A real mosquitto on a free loopback port, without persistence (a restart loses retained
/// messages, as a broker restarted from scratch would). Missing mosquitto is a failure with a clear
/// message (apt: mosquitto), never a skip.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly string _directory;
    private Process? _process;

    private MosquittoBroker(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public static async Task<MosquittoBroker> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("streams-mosquitto-").FullName;
        var broker = new MosquittoBroker(directory, FreePort());
        await File.WriteAllTextAsync(Path.Combine(directory, "mosquitto.conf"), $"""
            listener {broker.Port} 127.0.0.1
            allow_anonymous true
            persistence false
            max_queued_messages 0
            log_dest file {Path.Combine(directory, "mosquitto.log")}
            log_type all
            """);
        await broker.RestartAsync();
        return broker;
    }

    /// <summary>The broker's log so far, for assertion messages.</summary>
    public string Log => File.Exists(Path.Combine(_directory, "mosquitto.log")) ? File.ReadAllText(Path.Combine(_directory, "mosquitto.log")) : "(no log)";

    /// <summary>Starts the broker again on the same port.</summary>
    public async Task RestartAsync()
    {
        var executable = new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("mosquitto is not installed: the Home Assistant integration tests need a real broker (apt-get install mosquitto)");
        _process = Process.Start(new ProcessStartInfo(executable, ["-c", Path.Combine(_directory, "mosquitto.conf")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("mosquitto did not start");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync()}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"mosquitto did not listen on port {Port} within 10 s");
    }

    /// <summary>Kills the broker (SIGKILL: no goodbye to the clients).</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
