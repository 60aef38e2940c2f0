using System.Text;
using Streams.Transports.Serial.Native;

namespace Streams.Transports.Serial;

/// <summary>
/// A pseudo-terminal pair standing in for a serial device: the code under test opens
/// <see cref="Path"/> like any serial port, and a simulator (or test) talks through
/// <see cref="Master"/>. Created raw (no echo, no line editing) before anyone opens the device
/// side, so no early byte is altered. A pty ignores baud rates and passes bytes instantly.
/// </summary>
/// <remarks>
/// The pair keeps one descriptor of the device side open itself, so the master never sees a
/// hangup (and never spins on <c>EIO</c>) while the app closes and reopens the port. Disposing
/// <see cref="Master"/> (or the whole pair) is an "unplug": every open device-side descriptor
/// gets a hangup.
/// </remarks>
internal sealed class PseudoTerminal : IDisposable
{
    private readonly FileDescriptorHandle _deviceHold;
    private readonly DescriptorLink _master;

    private PseudoTerminal(DescriptorLink master, FileDescriptorHandle deviceHold, string devicePath, string? linkPath)
    {
        _master = master;
        _deviceHold = deviceHold;
        DevicePath = devicePath;
        LinkPath = linkPath;
    }

    /// <summary>The device side, <c>/dev/pts/N</c>.</summary>
    public string DevicePath { get; }

    /// <summary>The symlink to <see cref="DevicePath"/> made at open, or null.</summary>
    public string? LinkPath { get; }

    /// <summary>What the app should open: <see cref="LinkPath"/> when there is one, else <see cref="DevicePath"/>.</summary>
    public string Path => LinkPath ?? DevicePath;

    /// <summary>The peer's end. Its <see cref="ISerialLink.Path"/> reads <c>/dev/pts/N (master)</c>.</summary>
    public ISerialLink Master => _master;

    internal DescriptorLink MasterLink => _master;

    /// <summary>Opens a new pty pair, and when <paramref name="linkPath"/> is given points a symlink there at the device side.</summary>
    /// <param name="linkPath">Where to create a symlink (replacing an existing symlink, never another file).</param>
    /// <param name="writeTimeout">The master's write timeout (see <see cref="SerialSettings.WriteTimeout"/>); default 5 s.</param>
    /// <exception cref="IOException">No pty could be allocated, or <paramref name="linkPath"/> is taken by a non-symlink.</exception>
    public static PseudoTerminal Open(string? linkPath = null, TimeSpan? writeTimeout = null)
    {
        var masterFd = Libc.posix_openpt(Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        if (masterFd < 0)
        {
            throw new IOException($"Cannot allocate a pseudo-terminal: posix_openpt failed ({Errno.Describe(Errno.Last)})");
        }

        var master = new FileDescriptorHandle(masterFd);
        FileDescriptorHandle? deviceHold = null;
        string? createdLink = null;
        try
        {
            var devicePath = Unlock(masterFd);
            RawMode.Apply(masterFd, devicePath, speedCode: null, "raw mode");
            deviceHold = TermiosSerialPort.OpenDescriptor(devicePath);
            if (linkPath is not null)
            {
                PointLink(linkPath, devicePath);
                createdLink = linkPath;
            }

            var link = new DescriptorLink(master, $"{devicePath} (master)", writeTimeout ?? TimeSpan.FromSeconds(5));
            return new PseudoTerminal(link, deviceHold, devicePath, createdLink);
        }
        catch
        {
            if (createdLink is not null)
            {
                File.Delete(createdLink);
            }

            deviceHold?.Dispose();
            master.Dispose();
            throw;
        }
    }

    /// <summary>Closes the master (a hangup for the device side), the pair's own device descriptor, and removes the symlink if it still points here.</summary>
    public void Dispose()
    {
        _master.Dispose();
        _deviceHold.Dispose();
        if (LinkPath is not null && new FileInfo(LinkPath).LinkTarget == DevicePath)
        {
            File.Delete(LinkPath);
        }
    }

    public override string ToString() => LinkPath is null ? DevicePath : $"{LinkPath} -> {DevicePath}";

    private static string Unlock(int masterFd)
    {
        if (Libc.grantpt(masterFd) != 0)
        {
            throw new IOException($"Cannot allocate a pseudo-terminal: grantpt failed ({Errno.Describe(Errno.Last)})");
        }

        if (Libc.unlockpt(masterFd) != 0)
        {
            throw new IOException($"Cannot allocate a pseudo-terminal: unlockpt failed ({Errno.Describe(Errno.Last)})");
        }

        Span<byte> name = stackalloc byte[128];
        var error = Libc.ptsname_r(masterFd, ref name[0], (nuint)name.Length);
        if (error != 0)
        {
            throw new IOException($"Cannot allocate a pseudo-terminal: ptsname_r failed ({Errno.Describe(error)})");
        }

        return Encoding.UTF8.GetString(name[..name.IndexOf((byte)0)]);
    }

    private static void PointLink(string linkPath, string devicePath)
    {
        var existing = new FileInfo(linkPath);
        if (existing.LinkTarget is not null)
        {
            existing.Delete();
        }
        else if (existing.Exists || Directory.Exists(linkPath))
        {
            throw new IOException($"Cannot create serial link {linkPath}: a file that is not a symlink is already there");
        }

        File.CreateSymbolicLink(linkPath, devicePath);
    }
}
