using System.Runtime.InteropServices;

namespace Streams.App.Hosting;

/// <summary>Turns Ctrl-C (SIGINT) and SIGTERM into one cancellation, so both stop cleanly with exit 0.</summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;
    private readonly Action? _stopping;

    /// <param name="stopping">
    /// Called when the stop begins, before the cancellation: a callback registered on <see cref="Token"/>
    /// may never run, since the run's own registration (registered later, so called first) completes
    /// the run inline and the process exits from inside <c>Cancel()</c>.
    /// </param>
    public ShutdownSignal(Action? stopping = null)
    {
        _stopping = stopping;
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    public CancellationToken Token => _cts.Token;

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _cts.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        // The runtime would otherwise end the process at once; we want the pipeline to unwind.
        context.Cancel = true;
        _stopping?.Invoke();
        _cts.Cancel();
    }
}
