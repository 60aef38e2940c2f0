using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Streams.IntegrationTests.Support;

namespace Streams.IntegrationTests.Mqtt;

/// <summary>
/// A real mosquitto started for one test: generated config in a temp directory, free loopback
/// ports, log captured from stderr. Can be restarted on the same ports and frozen (SIGSTOP) to
/// play a broker that stops answering. Stopped by its own process id.
/// </summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    public const string BridgeUser = "bms";
    public const string BridgePassword = "s3cret-pass";
    public const string HaUser = "ha";
    public const string HaPassword = "ha-pass";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private static readonly string[] ProtocolComplaints = ["protocol error", "malformed packet", "Bad client"];

    private readonly string _binary;
    private readonly string _configFile;
    private readonly Dictionary<string, int> _ports;
    private readonly List<string> _log = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Done)> _waiters = [];
    private Process? _process;

    private MosquittoBroker(string binary, string directory, string configFile, Dictionary<string, int> ports, TestPki? pki)
    {
        _binary = binary;
        Directory = directory;
        _configFile = configFile;
        _ports = ports;
        Pki = pki;
    }

    public string Directory { get; }

    public TestPki? Pki { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    public static Task<MosquittoBroker> StartAsync(params MosquittoListener[] listeners) => StartAsync([], listeners);

    /// <param name="settings">More global lines for mosquitto.conf, e.g. <c>max_packet_size 16384</c>.</param>
    public static async Task<MosquittoBroker> StartAsync(IReadOnlyList<string> settings, params MosquittoListener[] listeners)
    {
        var binary = ExternalTool.Find("mosquitto", "mosquitto mosquitto-clients");
        var directory = System.IO.Directory.CreateTempSubdirectory("streams-mosquitto-").FullName;
        var ports = listeners.ToDictionary(l => l.Name, _ => FreeLoopbackPort());
        var pki = listeners.Any(l => l.Tls) ? TestPki.Create(Path.Combine(directory, "pki")) : null;
        if (listeners.Any(l => l.Passwords))
        {
            await WritePasswordsAndAclAsync(directory);
        }

        var configFile = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllTextAsync(configFile, Config(listeners, ports, directory, pki, settings));
        var broker = new MosquittoBroker(binary, directory, configFile, ports, pki);
        await broker.LaunchAsync();
        return broker;
    }

    public int Port(string listener) => _ports[listener];

    /// <summary>Stops the broker process (clients see their connections drop).</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Starts the broker again with the same configuration and ports.</summary>
    public Task RestartAsync() => LaunchAsync();

    /// <summary>SIGSTOP: the process keeps its sockets open but answers nothing, like a half-open connection.</summary>
    public Task FreezeAsync() => SignalAsync("STOP");

    public Task ThawAsync() => SignalAsync("CONT");

    /// <summary>Waits (bounded) until a log line contains <paramref name="fragment"/>; returns that line.</summary>
    /// <param name="afterLine">Only lines logged after this many lines count (see <see cref="LogLineCount"/>).</param>
    public Task WaitForLogAsync(string fragment, TimeSpan? timeout = null, int afterLine = 0) =>
        WaitForLogAsync(line => line.Contains(fragment, StringComparison.Ordinal), $"a log line containing '{fragment}'", timeout, afterLine);

    public async Task WaitForLogAsync(Func<string, bool> match, string what, TimeSpan? timeout = null, int afterLine = 0)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_log)
        {
            if (_log.Skip(afterLine).Any(match))
            {
                return;
            }

            _waiters.Add((match, done));
        }

        var limit = timeout ?? TimeSpan.FromSeconds(10);
        try
        {
            await done.Task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"mosquitto did not log {what} within {limit.TotalSeconds} s. Log:\n{Log}");
        }
    }

    public int LogLineCount
    {
        get
        {
            lock (_log)
            {
                return _log.Count;
            }
        }
    }

    public int CountLog(string fragment)
    {
        lock (_log)
        {
            return _log.Count(l => l.Contains(fragment, StringComparison.Ordinal));
        }
    }

    /// <summary>mqtt.md §9.3: a run of the client under test must leave no protocol complaint in the broker log.</summary>
    public void AssertNoProtocolComplaints()
    {
        var complaints = ProtocolComplaints.Where(c => CountLog(c) > 0).ToList();
        if (complaints.Count > 0)
        {
            throw new InvalidOperationException($"mosquitto complained ({string.Join(", ", complaints)}). Log:\n{Log}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await ThawAsync();
        }

        await StopAsync();
        _process?.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    /// <summary>
    /// A free port below the kernel's ephemeral range (32768+): a client's own outgoing connections
    /// can then never take it while the broker is down for a restart, and a reconnect attempt can't
    /// end up connected to itself.
    /// </summary>
    private static int FreeLoopbackPort()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken; try another
            }
        }

        throw new InvalidOperationException("no free loopback port in 20000..31999");
    }

    private static async Task WritePasswordsAndAclAsync(string directory)
    {
        var tool = ExternalTool.Find("mosquitto_passwd", "mosquitto");
        var passwords = Path.Combine(directory, "passwd");
        await RunAsync(tool, "-c", "-b", passwords, BridgeUser, BridgePassword);
        await RunAsync(tool, "-b", passwords, HaUser, HaPassword);
        await File.WriteAllTextAsync(Path.Combine(directory, "acl"), $"""
            # bridge user: own tree + discovery, read HA status
            user {BridgeUser}
            topic readwrite bms/#
            topic write homeassistant/#
            topic read homeassistant/status
            # HA user
            user {HaUser}
            topic readwrite #

            """);
    }

    private static string Config(MosquittoListener[] listeners, Dictionary<string, int> ports, string directory, TestPki? pki, IReadOnlyList<string> settings)
    {
        var config = new StringBuilder();
        config.AppendLine("per_listener_settings true");
        config.AppendLine("persistence false");
        // No cap on queued messages: the default of 1000 drops messages in the publish bursts of the
        // Home Assistant throughput tests.
        config.AppendLine("max_queued_messages 0");
        config.AppendLine("log_dest stderr");
        config.AppendLine("log_type all");
        config.AppendLine("connection_messages true");
        foreach (var setting in settings)
        {
            config.AppendLine(setting);
        }

        if (Environment.IsPrivilegedProcess)
        {
            // As root, mosquitto would switch to user 'mosquitto', which cannot read this private temp directory.
            config.AppendLine("user root");
        }

        foreach (var listener in listeners)
        {
            config.AppendLine();
            config.AppendLine($"listener {ports[listener.Name]} 127.0.0.1");
            config.AppendLine($"allow_anonymous {(listener.Anonymous ? "true" : "false")}");
            if (listener.Passwords)
            {
                config.AppendLine($"password_file {Path.Combine(directory, "passwd")}");
                config.AppendLine($"acl_file {Path.Combine(directory, "acl")}");
            }

            if (listener.Tls && pki is not null)
            {
                config.AppendLine($"cafile {pki.CaFile}");
                config.AppendLine($"certfile {pki.ServerCertificateFile}");
                config.AppendLine($"keyfile {pki.ServerKeyFile}");
                if (listener.RequireClientCertificate)
                {
                    config.AppendLine("require_certificate true");
                    config.AppendLine("use_identity_as_username true");
                }
            }
        }

        return config.ToString();
    }

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr}");
        }
    }

    private async Task LaunchAsync()
    {
        var start = new ProcessStartInfo(_binary) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(_configFile);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process?.Dispose();
        _process = process;
        var from = LogLineCount;
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var running = WaitForLogAsync(l => l.Contains(" running", StringComparison.Ordinal) && l.Contains("mosquitto version", StringComparison.Ordinal), "'running'", StartTimeout, from);
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(running, exited) == exited)
        {
            throw new InvalidOperationException($"mosquitto exited with code {process.ExitCode} at start. Log:\n{Log}");
        }

        await running;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        List<TaskCompletionSource> satisfied = [];
        lock (_log)
        {
            _log.Add(line);
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                _waiters.Remove(waiter);
                satisfied.Add(waiter.Done);
            }
        }

        satisfied.ForEach(s => s.TrySetResult());
    }

    private async Task SignalAsync(string signal)
    {
        if (_process is { HasExited: false } process)
        {
            await RunAsync("/bin/kill", $"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
