using System.Diagnostics;
using Streams.Sources.DBus;

namespace Streams.IntegrationTests.DBus;

/// <summary>
/// A script run by Debian's python3-dbus (libdbus underneath): an independent D-Bus
/// implementation. Uses <c>/usr/bin/python3</c> (a pyenv <c>python3</c> cannot import the Debian
/// modules). A missing interpreter or module fails the test with the packages to install.
/// </summary>
internal sealed class PythonDBusPeer : IAsyncDisposable
{
    private const string Interpreter = "/usr/bin/python3";
    private const string InstallHint = "apt-get install -y python3 python3-dbus python3-gi";
    private readonly Process _process;
    private readonly DirectoryInfo _directory;

    private PythonDBusPeer(Process process, DirectoryInfo directory)
    {
        _process = process;
        _directory = directory;
    }

    /// <summary>An echo service: <c>org.example.Echo</c> at <c>/org/example/Echo</c>, method <c>Echo(v) → v</c>.</summary>
    public const string EchoService = """
        import sys, dbus, dbus.service, dbus.mainloop.glib
        from gi.repository import GLib
        dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
        bus = dbus.bus.BusConnection(sys.argv[1])
        class Echo(dbus.service.Object):
            @dbus.service.method("org.example.Echo", in_signature="v", out_signature="v")
            def Echo(self, value):
                return value
        name = dbus.service.BusName("org.example.Echo", bus)
        Echo(bus, "/org/example/Echo")
        print("ready", flush=True)
        GLib.MainLoop().run()
        """;

    /// <summary>A client: WriteValue(ay, a{sv}) to the fake characteristic, then ReadValue, printing the value as hex.</summary>
    public const string GattClient = """
        import sys, dbus
        bus = dbus.bus.BusConnection(sys.argv[1])
        char = bus.get_object("org.bluez", "/org/bluez/hci0/dev_A4_C1_38_00_00_01/service000b/char000c")
        gatt = dbus.Interface(char, "org.bluez.GattCharacteristic1")
        gatt.WriteValue(dbus.Array([0xDD, 0xA5, 0x03, 0x00, 0xFF, 0xFD, 0x77], signature="y"), {"type": dbus.String("command", variant_level=1)})
        value = gatt.ReadValue(dbus.Dictionary({}, signature="sv"))
        print("ready", flush=True)
        print(bytes(value).hex(), flush=True)
        """;

    /// <summary>Starts <paramref name="script"/> with the bus address as its argument and waits for its "ready" line.</summary>
    public static async Task<PythonDBusPeer> StartAsync(string script, DBusAddress address, TimeSpan timeout)
    {
        if (!File.Exists(Interpreter))
        {
            throw new InvalidOperationException($"{Interpreter} is missing; the python3-dbus cross-check needs it: {InstallHint}");
        }

        var directory = Directory.CreateTempSubdirectory("streams-pydbus-");
        var path = Path.Combine(directory.FullName, "peer.py");
        await File.WriteAllTextAsync(path, script);
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(path);
        start.ArgumentList.Add(address.Text);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Interpreter}.");
        var peer = new PythonDBusPeer(process, directory);
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(timeout);
        if (line != "ready")
        {
            var errors = await process.StandardError.ReadToEndAsync().WaitAsync(timeout);
            await peer.DisposeAsync();
            throw new InvalidOperationException(
                $"The python3-dbus peer did not start ({errors.Trim().Split('\n').LastOrDefault()}); it needs: {InstallHint}");
        }

        return peer;
    }

    public Task<string?> ReadLineAsync(TimeSpan timeout) => _process.StandardOutput.ReadLineAsync().WaitAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
        _directory.Delete(recursive: true);
    }
}
