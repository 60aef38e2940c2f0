using System.Runtime.InteropServices;

namespace Streams.App.Hosting;

/// <summary>
/// Turns Ctrl-C (SIGINT), SIGTERM and the end of the output (its reader went away) into one
/// cancellation, so each stops cleanly with exit 0. Registered first thing in the process: a stop
/// that comes before a command <see cref="Listen"/>s (while the configuration is read, even from a
/// FIFO that blocks) ends the process at once with exit 0, as there is nothing to wind down yet;
/// a second stop while the first one winds down does the same.
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;
    private int _listening;
    private int _signals;
    private Action? _stopping;

    public ShutdownSignal()
    {
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    public CancellationToken Token => _cts.Token;

    /// <summary>From now on a stop cancels <see cref="Token"/> and the command winds down on its own.</summary>
    public CancellationToken Listen()
    {
        Volatile.Write(ref _listening, 1);
        return Token;
    }

    /// <summary>
    /// Calls <paramref name="stopping"/> when a stop begins, before the cancellation (systemd's
    /// STOPPING=1): a callback registered on <see cref="Token"/> may never run, since the run's own
    /// registration (registered later, so called first) completes the run inline and the process
    /// exits from inside <c>Cancel()</c>.
    /// </summary>
    public void OnStopping(Action stopping) => Volatile.Write(ref _stopping, stopping);

    /// <summary>Stops the run: a signal, or from inside (standard output closed by its reader).</summary>
    public void Stop()
    {
        try
        {
            Volatile.Read(ref _stopping)?.Invoke();
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The process is past its run: nothing left to stop.
        }
    }

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _cts.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        // The runtime would otherwise end the process at once (exit 143 or 130).
        context.Cancel = true;
        if (Volatile.Read(ref _listening) == 0 || Interlocked.Increment(ref _signals) > 1)
        {
            Environment.Exit(ExitCodes.Ok);
        }

        Stop();
    }
}
