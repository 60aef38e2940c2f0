using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;

namespace Streams.IntegrationTests.Support;

/// <summary>A process a test starts: its stdout as awaitable lines, stderr kept, SIGTERM, bounded waits; killed on dispose.</summary>
internal sealed class ChildProcess : IDisposable
{
    private const int SigInt = 2;
    private const int SigHup = 1;
    private const int SigTerm = 15;
    private const int SigKill = 9;

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _stderr = new();
    private readonly Channel<string> _errorLines = Channel.CreateUnbounded<string>();
    private readonly Lock _gate = new();
    private bool _disposed;

    private ChildProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public string StandardError
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <param name="file">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="environment">Variables to set (null values unset them) on top of the test's environment.</param>
    /// <exception cref="InvalidOperationException">The program cannot be started (not installed), naming it.</exception>
    public static ChildProcess Start(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                child._lines.Writer.TryComplete();
            }
            else
            {
                child._lines.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (child._gate)
                {
                    child._stderr.AppendLine(e.Data);
                }

                child._errorLines.Writer.TryWrite(e.Data);
            }
        };
        try
        {
            process.Start();
        }
        catch (Win32Exception missing)
        {
            throw new InvalidOperationException($"Cannot run '{file}': {missing.Message}", missing);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs to the end within <paramref name="timeout"/>: exit code, stdout, stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string file, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment = null)
    {
        using var child = Start(file, arguments, environment);
        var output = new StringBuilder();
        var exitCode = await child.WaitForExitAsync(timeout);
        await foreach (var line in child._lines.Reader.ReadAllAsync())
        {
            output.AppendLine(line);
        }

        return (exitCode, output.ToString(), child.StandardError);
    }

    /// <summary>The next stdout line that satisfies <paramref name="match"/> (earlier lines are skipped).</summary>
    /// <exception cref="TimeoutException">None within <paramref name="timeout"/>, or stdout ended; carries stderr.</exception>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string what)
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
            throw new TimeoutException($"Gave up after {timeout.TotalSeconds} s waiting for {what}; stderr: {StandardError}");
        }

        throw new TimeoutException($"stdout ended before {what}; stderr: {StandardError}");
    }

    /// <summary>The next stderr (log) line that satisfies <paramref name="match"/> (earlier lines are skipped).</summary>
    /// <exception cref="TimeoutException">None within <paramref name="timeout"/>; carries stderr.</exception>
    public async Task<string> WaitForErrorLineAsync(Func<string, bool> match, TimeSpan timeout, string what)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var line = await _errorLines.Reader.ReadAsync(cancel.Token);
                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Gave up after {timeout.TotalSeconds} s waiting for {what}; stderr: {StandardError}");
        }
    }

    /// <summary>All remaining stdout lines (after the process ended).</summary>
    public async Task<IReadOnlyList<string>> RemainingLinesAsync()
    {
        var lines = new List<string>();
        await foreach (var line in _lines.Reader.ReadAllAsync())
        {
            lines.Add(line);
        }

        return lines;
    }

    public void Terminate()
    {
        if (Kill(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    /// <summary>SIGINT, as Ctrl-C sends it.</summary>
    public void Interrupt()
    {
        if (Kill(_process.Id, SigInt) != 0)
        {
            throw new InvalidOperationException($"kill -INT {_process.Id} failed (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    /// <summary>SIGHUP, as a closed terminal or a dropped SSH session sends it.</summary>
    public void Hangup()
    {
        if (Kill(_process.Id, SigHup) != 0)
        {
            throw new InvalidOperationException($"kill -HUP {_process.Id} failed (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL: the process dies at once, its sockets closed by the kernel without a goodbye.</summary>
    public void KillHard()
    {
        if (Kill(_process.Id, SigKill) != 0)
        {
            throw new InvalidOperationException($"kill -KILL {_process.Id} failed (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    /// <exception cref="TimeoutException">Still running after <paramref name="timeout"/>.</exception>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Process {_process.StartInfo.FileName} still running after {timeout.TotalSeconds} s; stderr: {StandardError}");
        }

        return _process.ExitCode;
    }

    /// <summary>Kills the process (and its children) if it still runs; safe to call again.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
