using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Streams.IntegrationTests.Serial;

/// <summary>
/// Two linked ptys made by <c>socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B</c> in a fresh
/// temporary directory: an independent implementation of a serial peer. Killing socat is an unplug.
/// </summary>
internal sealed class SocatPair : IDisposable
{
    private const int SIGTERM = 15;
    private const int SIGKILL = 9;

    private readonly Process _process;
    private readonly List<string> _log;

    private SocatPair(Process process, List<string> log, string a, string b)
    {
        _process = process;
        _log = log;
        A = a;
        B = b;
    }

    public string A { get; }

    public string B { get; }

    /// <summary>Starts socat on the two link paths and waits until both links exist.</summary>
    public static async Task<SocatPair> StartAsync(string a, string b)
    {
        var start = new ProcessStartInfo("socat")
        {
            ArgumentList = { "-d", "-d", $"pty,raw,echo=0,link={a}", $"pty,raw,echo=0,link={b}" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("socat did not start");
        }
        catch (Win32Exception missing)
        {
            throw new InvalidOperationException(
                $"socat is required by the serial integration tests but could not be started ({missing.Message}); install it with: apt-get install socat",
                missing);
        }

        var log = new List<string>();
        process.ErrorDataReceived += (_, line) =>
        {
            lock (log)
            {
                log.Add(line.Data ?? "");
            }
        };
        process.BeginErrorReadLine();
        var pair = new SocatPair(process, log, a, b);
        try
        {
            await Bounded.Until(() => process.HasExited || (File.Exists(a) && File.Exists(b)), "socat to create its pty links");
            if (process.HasExited)
            {
                throw new InvalidOperationException($"socat exited with {process.ExitCode}: {pair.Log}");
            }
        }
        catch
        {
            pair.Dispose();
            throw;
        }

        return pair;
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join(" | ", _log);
            }
        }
    }

    /// <summary>SIGTERM: socat removes its links on the way out.</summary>
    public Task TerminateAsync() => SignalAndWaitAsync(SIGTERM);

    /// <summary>SIGKILL: the links are left dangling.</summary>
    public Task KillAsync() => SignalAndWaitAsync(SIGKILL);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        foreach (var link in new[] { A, B })
        {
            if (new FileInfo(link).LinkTarget is not null)
            {
                File.Delete(link);
            }
        }
    }

    private async Task SignalAndWaitAsync(int signal)
    {
        kill(_process.Id, signal);
        await _process.WaitForExitAsync().WaitAsync(Bounded.Wait);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int processId, int signal);
}
