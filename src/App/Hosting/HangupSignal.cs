using System.Runtime.InteropServices;
using Serilog;

namespace Streams.App.Hosting;

/// <summary>
/// SIGHUP (a closed terminal, an SSH session that dropped, <c>kill -HUP</c>) is logged and ignored:
/// the configuration is read once at start, so a restart applies a change
/// (<c>systemctl restart streams</c>). Without this the runtime ends the process with status 129,
/// skipping the clean stop (no <c>offline</c>, no DISCONNECT).
/// </summary>
internal sealed class HangupSignal(ILogger log) : IDisposable
{
    private readonly PosixSignalRegistration _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
    {
        context.Cancel = true;
        log.Information("SIGHUP ignored: the configuration is read at start only; restart streams to apply a change");
    });

    public void Dispose() => _registration.Dispose();
}
