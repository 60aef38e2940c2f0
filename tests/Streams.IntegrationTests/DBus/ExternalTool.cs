namespace Streams.IntegrationTests.DBus;

/// <summary>Finds a program the tests need on PATH, failing with the Debian package that provides it.</summary>
internal static class ExternalTool
{
    public static string Find(string program, string debianPackage, params string[] extraDirectories)
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(extraDirectories)
            .Concat(["/usr/bin", "/bin", "/usr/sbin"]);
        foreach (var directory in directories)
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"'{program}' is not installed; the D-Bus integration tests need a real one: apt-get install -y {debianPackage}");
    }
}
