using Streams.IntegrationTests.Support;

namespace Streams.IntegrationTests.Packaging;

/// <summary>
/// A directory that plays an empty Debian system for <c>dpkg --root</c>: a dpkg database, and the
/// account files with the dialout and bluetooth groups. The maintainer scripts run outside a chroot
/// with DPKG_ROOT set (<c>--force-script-chrootless</c>), so they touch only this directory.
/// </summary>
internal sealed class ThrowawayRoot : IDisposable
{
    private static readonly TimeSpan DpkgTimeout = TimeSpan.FromMinutes(2);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("streams-deb-root-");

    public ThrowawayRoot()
    {
        System.IO.Directory.CreateDirectory(Path("var/lib/dpkg/info"));
        System.IO.Directory.CreateDirectory(Path("var/lib/dpkg/updates"));
        File.WriteAllText(Path("var/lib/dpkg/status"), "");
        System.IO.Directory.CreateDirectory(Path("etc"));
        File.WriteAllText(Path("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        File.WriteAllText(Path("etc/shadow"), "root:*:19000:0:99999:7:::\n");
        File.WriteAllText(Path("etc/group"), "root:x:0:\ndialout:x:20:\nbluetooth:x:112:\n");
        File.WriteAllText(Path("etc/gshadow"), "root:*::\ndialout:*::\nbluetooth:*::\n");
    }

    public string Path(string relative) => System.IO.Path.Combine(_dir.FullName, relative);

    /// <summary>
    /// The host's systemd units (targets, mounts) copied in, so that <c>systemd-analyze verify --root</c>
    /// can resolve what the unit orders itself against; without them it fails on sysinit.target.
    /// </summary>
    public void AddHostSystemdUnits()
    {
        var units = Path("usr/lib/systemd/system");
        foreach (var file in new DirectoryInfo("/usr/lib/systemd/system").EnumerateFiles("*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(units, System.IO.Path.GetRelativePath("/usr/lib/systemd/system", file.FullName));
            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            if (file.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(target, link);
            }
            else
            {
                file.CopyTo(target);
            }
        }
    }

    /// <summary>Runs dpkg against this root; dependencies are not checked (the root holds no other package).</summary>
    public Task<(int ExitCode, string Output, string Error)> DpkgAsync(params string[] arguments) =>
        ChildProcess.RunAsync(
            ExternalTool.Find("dpkg", "dpkg"),
            [$"--root={_dir.FullName}", "--force-script-chrootless", "--force-depends", "--log=/dev/null", .. arguments],
            DpkgTimeout);

    public void Dispose() => _dir.Delete(recursive: true);
}
