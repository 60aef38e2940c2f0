using Streams.IntegrationTests.Support;
using Xunit;

namespace Streams.IntegrationTests.Packaging;

/// <summary>
/// What <c>scripts/package.sh</c> builds, once for every packaging test: the Native AOT binaries
/// for linux-x64 and linux-arm64 and their .deb files under <c>dist/</c>. The script reuses a
/// build whose inputs did not change (scripts/test.sh runs it just before the tests).
/// </summary>
public sealed class PackagedBuild : IAsyncLifetime
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(25);

    public string Root { get; } = RepositoryRoot();

    public string Version { get; private set; } = "";

    public string Dist => Path.Combine(Root, "dist");

    public string Binary(string rid) => Path.Combine(Dist, $"streams-{Version}-{rid}");

    public string Deb(string arch) => Path.Combine(Dist, $"streams_{Version}_{arch}.deb");

    public async Task InitializeAsync()
    {
        var (exit, output, error) = await ChildProcess.RunAsync("bash", [Path.Combine(Root, "scripts", "package.sh")], BuildTimeout);
        if (exit != 0)
        {
            throw new InvalidOperationException($"scripts/package.sh failed with exit code {exit}:\n{output}\n{error}");
        }

        Version = (await File.ReadAllTextAsync(Path.Combine(Dist, "VERSION"))).Trim();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Runs a packaged binary: an arm64 one under qemu-user with the cross libc as its root.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string binary, string rid, TimeSpan timeout, params string[] arguments) =>
        rid == "linux-arm64"
            ? ChildProcess.RunAsync(
                ExternalTool.Find("qemu-aarch64-static", "qemu-user-static"),
                ["-L", "/usr/aarch64-linux-gnu", binary, .. arguments],
                timeout)
            : ChildProcess.RunAsync(binary, arguments, timeout);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Streams.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"Streams.sln not found above {AppContext.BaseDirectory}");
    }
}

[CollectionDefinition(Name)]
public sealed class PackagingCollection : ICollectionFixture<PackagedBuild>
{
    public const string Name = "packaging";
}
