using System.Diagnostics;
using System.Text.Json;
using Streams.Transports.Bluetooth;
using Streams.Transports.Bluetooth.Proxies;
using Tmds.DBus.Protocol;

namespace Streams.IntegrationTests.Bluetooth;

/// <summary>
/// A private dbus-daemon with our fake org.bluez (Bluetooth/fake_bluez.py, Debian's python3-dbus +
/// python3-gi under /usr/bin/python3) on it: adapter hci0, a JBD dongle answering with the real frames
/// jbd-03-sp04s034-a, jbd-04-sp04s034-a and jbd-05-protocol-doc, and a phone. Its test hooks are
/// called over D-Bus (through Tmds.DBus.Protocol, the library the bridge uses, so the fake is checked
/// by an implementation other than its own). A missing daemon, interpreter or module is a failure
/// naming the apt packages.
/// </summary>
internal sealed class FakeBluez : IAsyncDisposable
{
    public const string Mac = "A4:C1:37:04:2D:BE";
    public const string DevicePath = "/org/bluez/hci0/dev_A4_C1_37_04_2D_BE";
    private const string Interpreter = "/usr/bin/python3";
    private const string InstallHint = "apt-get install -y dbus python3 python3-dbus python3-gi";
    private const string ControlPath = "/org/example/FakeBluez";
    private const string ControlInterface = "org.example.FakeBluez.Control";
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

    public string Address => Daemon.Address;

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
            start.ArgumentList.Add(daemon.Address);
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

            var control = new DBusConnection(daemon.Address);
            await control.ConnectAsync().AsTask().WaitAsync(StartTimeout);
            return new FakeBluez(daemon, process, directory, control);
        }
        catch
        {
            await daemon.DisposeAsync();
            throw;
        }
    }

    public Task LoseLinkAsync() => Call("LoseLink");

    public Task SetSilentAsync(bool silent)
    {
        using var writer = Control.GetMessageWriter();
        writer.WriteMethodCallHeader(BlueZ.Service, ControlPath, ControlInterface, "SetSilent", "b");
        writer.WriteBool(silent);
        return Send(writer.CreateMessage(), "SetSilent");
    }

    /// <summary>Releases org.bluez and takes it again 100 ms later, forgetting every device: a bluetoothd restart.</summary>
    public Task RestartAsync() => Call("Restart");

    /// <summary>
    /// The next call of <paramref name="method"/> (<c>Connect</c>, <c>StartDiscovery</c>, <c>WriteValue</c>)
    /// answers the D-Bus error <paramref name="errorName"/>; with <paramref name="proceed"/> it does its work first.
    /// </summary>
    public Task FailNextAsync(string method, string errorName, bool proceed = false)
    {
        using var writer = Control.GetMessageWriter();
        writer.WriteMethodCallHeader(BlueZ.Service, ControlPath, ControlInterface, "FailNext", "ssb");
        writer.WriteString(method);
        writer.WriteString(errorName);
        writer.WriteBool(proceed);
        return Send(writer.CreateMessage(), "FailNext");
    }

    /// <summary>Every write to 0xFF02 so far, as <c>hex/type</c>.</summary>
    public Task<string[]> WritesAsync() => Strings("Writes");

    /// <summary>Every SetDiscoveryFilter so far, as <c>key=value;…</c>.</summary>
    public Task<string[]> DiscoveryFiltersAsync() => Strings("DiscoveryFilters");

    public Task<uint> ConnectsAsync() =>
        BlueZCall.Send(Control, Message("Connects"), static (message, _) => message.GetBodyReader().ReadUInt32(), "Connects", StartTimeout, default);

    public async Task<bool> DeviceConnectedAsync()
    {
        var value = await new PropertiesProxy(Control).GetAsync(DevicePath, BlueZ.Device, "Connected", default);
        return value.GetBool();
    }

    /// <summary>Connects the BMS as another BlueZ client would.</summary>
    public Task ConnectDeviceAsync() => new Device1Proxy(Control, DevicePath).ConnectAsync(default);

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync().WaitAsync(StartTimeout);
        _process.Dispose();
        _directory.Delete(recursive: true);
        await Daemon.DisposeAsync();
    }

    private Task Call(string member) => Send(Message(member), member);

    private Task<string[]> Strings(string member) =>
        BlueZCall.Send(Control, Message(member), static (message, _) => message.GetBodyReader().ReadArrayOfString(), member, StartTimeout, default);

    private Task Send(MessageBuffer message, string member) => BlueZCall.Send(Control, message, member, StartTimeout, default);

    private MessageBuffer Message(string member) => BlueZCall.Message(Control, ControlPath, ControlInterface, member);
}
