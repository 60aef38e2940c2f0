using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Streams.IntegrationTests.Bluetooth;

namespace Streams.IntegrationTests.Esphome;

/// <summary>
/// tests/esphome-proxy/fake-proxy.js as a real process on loopback: an ESPHome Bluetooth proxy
/// (plaintext, or Noise with a fresh key) with a JBD BMS behind it answering with the real frames
/// jbd-03-sp04s034-a, jbd-04-sp04s034-a and jbd-05-protocol-doc. Controlled over stdin; its stdout
/// events are awaited as lines. Needs node and <c>npm ci</c> in tests/esphome-proxy (scripts/test.sh
/// does both); missing them is a failure that says so.
/// </summary>
internal sealed class FakeEsphomeProxy : IDisposable
{
    public const string BmsMac = "A4:C1:37:04:2D:BE";
    public const string ProxyName = "bms-proxy";
    public const string ProxyMac = "24:0A:C4:11:22:33";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _log = new();
    private readonly string _config;

    private FakeEsphomeProxy(Process process, string config, string? key)
    {
        _process = process;
        _config = config;
        Key = key;
    }

    /// <summary>The base64 API encryption key; null for a plaintext proxy.</summary>
    public string? Key { get; }

    public int Port { get; private set; }

    /// <summary>Everything the fake printed so far, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static string PeerDirectory => Path.Combine(RepositoryRoot(), "tests", "esphome-proxy");

    /// <summary>A second BMS the fake can put behind the proxy (<c>secondBms: true</c>), with the same frames.</summary>
    public const string SecondBmsMac = "A4:C1:37:04:2D:BF";

    public static async Task<FakeEsphomeProxy> StartAsync(bool encrypted, int slots = 3, string? legacyPassword = null, bool secondBms = false)
    {
        RequireNode();
        var key = encrypted ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) : null;
        var config = Path.Combine(Path.GetTempPath(), $"streams-esphome-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["proto"] = Path.Combine(RepositoryRoot(), "src", "Streams", "Transports", "Esphome", "Proto", "api.proto"),
            ["key"] = key,
            ["name"] = ProxyName,
            ["mac"] = ProxyMac,
            ["slots"] = slots,
            ["legacyPassword"] = legacyPassword,
            ["bms"] = (secondBms ? new[] { Bms(BmsMac, "xiaoxiang BMS", -62), Bms(SecondBmsMac, "xiaoxiang BMS 2", -71) } : [Bms(BmsMac, "xiaoxiang BMS", -62)]),
        }));
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = PeerDirectory,
        };
        start.ArgumentList.Add(Path.Combine(PeerDirectory, "fake-proxy.js"));
        start.ArgumentList.Add(config);
        var process = new Process { StartInfo = start };
        var fake = new FakeEsphomeProxy(process, config, key);
        process.OutputDataReceived += (_, e) => fake.Heard(e.Data, stdout: true);
        process.ErrorDataReceived += (_, e) => fake.Heard(e.Data, stdout: false);
        try
        {
            process.Start();
        }
        catch (Win32Exception missing)
        {
            throw new InvalidOperationException($"cannot run node for the fake ESPHome proxy ({missing.Message}): bash scripts/test.sh installs it (apt-get install nodejs npm)", missing);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var listening = await fake.WaitForAsync(l => l.StartsWith("listening ", StringComparison.Ordinal), StartTimeout);
            fake.Port = int.Parse(listening["listening ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            return fake;
        }
        catch
        {
            fake.Dispose();
            throw;
        }
    }

    private static Dictionary<string, object> Bms(string mac, string name, int rssi) => new()
    {
        ["mac"] = mac,
        ["name"] = name,
        ["rssi"] = rssi,
        ["addressType"] = 0,
        ["basic"] = JbdVectors.Hex("jbd-03-sp04s034-a"),
        ["cells"] = JbdVectors.Hex("jbd-04-sp04s034-a"),
        ["hardware"] = JbdVectors.Hex("jbd-05-protocol-doc"),
    };

    /// <summary>Writes one control line (drop MAC, silent on|off, bms-silent on|off, range MAC in|out, reboot MS, slots N, occupy MAC, ping, disconnect-clients, frame MAC basic|cells|hardware HEX, state).</summary>
    public async Task SendAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>The next event line that satisfies <paramref name="match"/> (earlier ones are skipped).</summary>
    public async Task<string> WaitForAsync(Func<string, bool> match, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (await _lines.Reader.WaitToReadAsync(cancel.Token))
            {
                while (_lines.Reader.TryRead(out var line))
                {
                    if (match(line))
                    {
                        return line;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the fake ESPHome proxy did not say what was awaited within {timeout.TotalSeconds} s; it said:\n{Log}");
        }

        throw new InvalidOperationException($"the fake ESPHome proxy ended; it said:\n{Log}");
    }

    public Task<string> WaitForAsync(string prefix, TimeSpan timeout) => WaitForAsync(l => l.StartsWith(prefix, StringComparison.Ordinal), timeout);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        File.Delete(_config);
    }

    private void Heard(string? line, bool stdout)
    {
        if (line is null)
        {
            if (stdout)
            {
                _lines.Writer.TryComplete();
            }

            return;
        }

        lock (_log)
        {
            _log.AppendLine(stdout ? line : "stderr: " + line);
        }

        if (stdout)
        {
            _lines.Writer.TryWrite(line);
        }
    }

    private static void RequireNode()
    {
        if (!Directory.Exists(Path.Combine(PeerDirectory, "node_modules", "@2colors", "esphome-native-api")))
        {
            throw new InvalidOperationException($"the fake ESPHome proxy's packages are not installed: run npm ci in {PeerDirectory} (bash scripts/test.sh does)");
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Streams.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no Streams.sln above {AppContext.BaseDirectory}");
    }
}
