namespace Streams.IntegrationTests.Support;

/// <summary>Finds a peer's executable. A missing peer is a test failure that says how to install it, never a skip.</summary>
internal static class ExternalTool
{
    private static readonly string[] ExtraDirectories = ["/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/bin", "/bin"];

    public static string Find(string name, string debianPackage)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(ExtraDirectories))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"'{name}' was not found on PATH or in /usr/sbin, and these integration tests need the real program. " +
            $"Install it with: apt-get install -y {debianPackage}");
    }
}
