using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Streams.Bench.Mqtt;

/// <summary>A local anonymous mosquitto on a free loopback port for the publish benchmarks; stopped by its own process id.</summary>
internal sealed class BenchmarkBroker : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private BenchmarkBroker(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <param name="tcpNoDelay">mosquitto's <c>set_tcp_nodelay</c>: off (the default), PUBACKs wait for Nagle's algorithm.</param>
    public static BenchmarkBroker Start(bool tcpNoDelay = false)
    {
        var binary = new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("mosquitto not found; install it with: apt-get install -y mosquitto");
        var directory = Directory.CreateTempSubdirectory("streams-bench-mosquitto-").FullName;
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var config = Path.Combine(directory, "mosquitto.conf");
        File.WriteAllText(config, $"""
            persistence false
            log_dest none
            {(Environment.IsPrivilegedProcess ? "user root" : string.Empty)}
            listener {port} 127.0.0.1
            allow_anonymous true
            max_queued_messages 0
            set_tcp_nodelay {(tcpNoDelay ? "true" : "false")}

            """);
        var start = new ProcessStartInfo(binary) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(config);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start mosquitto");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!CanConnect(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"mosquitto did not start: {process.StandardError.ReadToEnd()}");
            }

            Thread.Sleep(20);
        }

        return new BenchmarkBroker(process, directory, port);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static bool CanConnect(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
