using System.Diagnostics;
using System.Security;
using Streams.IntegrationTests.Support;

namespace Streams.IntegrationTests.Bluetooth;

/// <summary>
/// A private, real <c>dbus-daemon</c> (Debian package <c>dbus</c>) on a socket in a fresh temp
/// directory, with a generated config that lets any local client own any name. Not finding the
/// daemon is a failure with an install hint, never a skip.
/// </summary>
internal sealed class DBusDaemon : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private readonly Process _process;
    private readonly DirectoryInfo _directory;

    private DBusDaemon(Process process, DirectoryInfo directory, string address)
    {
        _process = process;
        _directory = directory;
        Address = address;
    }

    /// <summary>The address the daemon printed, e.g. <c>unix:path=/tmp/streams-dbus-x/bus,guid=…</c>.</summary>
    public string Address { get; }

    /// <summary>Starts a daemon listening on <c>unix:path=&lt;tmp&gt;/bus</c>.</summary>
    public static async Task<DBusDaemon> StartAsync()
    {
        var executable = ExternalTool.Find("dbus-daemon", "dbus");
        var directory = Directory.CreateTempSubdirectory("streams-dbus-");
        var listen = $"unix:path={directory.FullName}/bus";
        var config = Path.Combine(directory.FullName, "bus.conf");
        await File.WriteAllTextAsync(config, Config(listen));
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add($"--config-file={config}");
        start.ArgumentList.Add("--nofork");
        start.ArgumentList.Add("--nopidfile");
        start.ArgumentList.Add("--print-address=1");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(StartTimeout);
            if (string.IsNullOrWhiteSpace(line))
            {
                var errors = await process.StandardError.ReadToEndAsync().WaitAsync(StartTimeout);
                throw new InvalidOperationException($"dbus-daemon printed no address; stderr: {errors.Trim()}");
            }

            return new DBusDaemon(process, directory, line.Trim());
        }
        catch
        {
            process.Kill();
            process.Dispose();
            directory.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>Kills the daemon (SIGKILL) and waits until it is gone: the "bus died" case.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync().WaitAsync(StartTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        _directory.Delete(recursive: true);
    }

    private static string Config(string listen) => $"""
        <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
         "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
        <busconfig>
          <type>session</type>
          <listen>{SecurityElement.Escape(listen)}</listen>
          <auth>EXTERNAL</auth>
          <policy context="default">
            <allow user="*"/>
            <allow own="*"/>
            <allow send_destination="*" eavesdrop="true"/>
            <allow eavesdrop="true"/>
          </policy>
        </busconfig>
        """;
}
