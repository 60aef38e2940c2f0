using System.Diagnostics;
using System.Reactive.Concurrency;
using System.Text.Json;
using Streams.IntegrationTests.DBus;
using Streams.Sources.DBus;

namespace Streams.IntegrationTests.Bluetooth;

/// <summary>
/// A private dbus-daemon with our fake org.bluez (Bluetooth/fake_bluez.py, Debian's python3-dbus +
/// python3-gi under /usr/bin/python3) on it: adapter hci0, a JBD dongle answering with the real frames
/// jbd-03-sp04s034-a, jbd-04-sp04s034-a and jbd-05-protocol-doc, and a phone. Its test hooks are
/// called over D-Bus. A missing daemon, interpreter or module is a failure naming the apt packages.
/// </summary>
internal sealed class FakeBluez : IAsyncDisposable
{
    public const string Mac = "A4:C1:37:04:2D:BE";
    public const string DevicePath = "/org/bluez/hci0/dev_A4_C1_37_04_2D_BE";
    private const string Interpreter = "/usr/bin/python3";
    private const string InstallHint = "apt-get install -y dbus python3 python3-dbus python3-gi";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private readonly Process _process;
    private readonly DirectoryInfo _directory;

    private FakeBluez(DBusDaemon daemon, Process process, DirectoryInfo directory, DBusConnection control)
    {
        Daemon = daemon;
        _process = process;
        _directory = directory;
        Control = control;
    }

    public DBusDaemon Daemon { get; }

    public DBusAddress Address => Daemon.Address;

    /// <summary>Our own connection for the hooks and for looking at BlueZ's objects.</summary>
    public DBusConnection Control { get; }

    /// <param name="password">The dongle wants the FF AA handshake with this password; null: no handshake.</param>
    /// <param name="known">The device is known to BlueZ from the start (else it appears on StartDiscovery).</param>
    public static async Task<FakeBluez> StartAsync(string? password = null, bool known = false)
    {
        var daemon = await DBusDaemon.StartAsync();
        try
        {
            if (!File.Exists(Interpreter))
            {
                throw new InvalidOperationException($"{Interpreter} is missing; the fake org.bluez needs it: {InstallHint}");
            }

            var script = Path.Combine(AppContext.BaseDirectory, "Bluetooth", "fake_bluez.py");
            var directory = Directory.CreateTempSubdirectory("streams-bluez-");
            var config = Path.Combine(directory.FullName, "bms.json");
            await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["mac"] = Mac,
                ["name"] = "xiaoxiang BMS",
                ["rssi"] = -62,
                ["known"] = known,
                ["password"] = password,
                ["basic"] = JbdVectors.Hex("jbd-03-sp04s034-a"),
                ["cells"] = JbdVectors.Hex("jbd-04-sp04s034-a"),
                ["hardware"] = JbdVectors.Hex("jbd-05-protocol-doc"),
            }));
            var start = new ProcessStartInfo(Interpreter)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(daemon.Address.Text);
            start.ArgumentList.Add(config);
            var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Interpreter}.");
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(StartTimeout);
            if (line != "ready")
            {
                var errors = await process.StandardError.ReadToEndAsync().WaitAsync(StartTimeout);
                process.Kill();
                throw new InvalidOperationException(
                    $"the fake org.bluez did not start ({errors.Trim().Split('\n').LastOrDefault()}); it needs: {InstallHint}");
            }

            var control = await DBusConnection.ConnectAsync(daemon.Address, DefaultScheduler.Instance, StartTimeout);
            return new FakeBluez(daemon, process, directory, control);
        }
        catch
        {
            await daemon.DisposeAsync();
            throw;
        }
    }

    public Task LoseLinkAsync() => Call("LoseLink");

    public Task SetSilentAsync(bool silent) => Call("SetSilent", new DBusBoolean(silent));

    /// <summary>Releases org.bluez and takes it again 100 ms later, forgetting every device: a bluetoothd restart.</summary>
    public Task RestartAsync() => Call("Restart");

    /// <summary>Every write to 0xFF02 so far, as <c>hex/type</c>.</summary>
    public async Task<IReadOnlyList<string>> WritesAsync()
    {
        var reply = await Control.CallAsync(Message("Writes"), StartTimeout);
        return [.. ((DBusArray)reply.Body[0]).Items.Cast<DBusString>().Select(s => s.Value)];
    }

    public async Task<uint> ConnectsAsync()
    {
        var reply = await Control.CallAsync(Message("Connects"), StartTimeout);
        return ((DBusUInt32)reply.Body[0]).Value;
    }

    public async Task<bool> DeviceConnectedAsync()
    {
        var value = await Control.GetPropertyAsync("org.bluez", DevicePath, "org.bluez.Device1", "Connected", StartTimeout);
        return value is DBusBoolean { Value: true };
    }

    public async ValueTask DisposeAsync()
    {
        await Control.DisposeAsync();
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync().WaitAsync(StartTimeout);
        _process.Dispose();
        _directory.Delete(recursive: true);
        await Daemon.DisposeAsync();
    }

    private async Task Call(string member, params DBusValue[] args) => await Control.CallAsync(Message(member, args), StartTimeout);

    private static DBusMessage Message(string member, params DBusValue[] args) =>
        DBusMessage.MethodCall("org.bluez", "/org/example/FakeBluez", "org.example.FakeBluez.Control", member, args);
}
