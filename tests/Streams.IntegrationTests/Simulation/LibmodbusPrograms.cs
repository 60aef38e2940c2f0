using Streams.IntegrationTests.Support;

namespace Streams.IntegrationTests.Simulation;

/// <summary>
/// The independent Modbus implementation: mbmaster.c (RTU or Modbus TCP), mbslave.c (RTU) and
/// mbtcpslave.c (Modbus TCP), compiled once per test run with gcc against Debian's libmodbus.
/// Missing tools fail the tests with the package to install.
/// </summary>
internal static class LibmodbusPrograms
{
    public const string Install = "apt-get install -y libmodbus-dev pkg-config gcc";

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromSeconds(60);
    private static readonly string[] Names = ["mbmaster", "mbslave", "mbtcpslave"];
    private static readonly Lazy<Task<IReadOnlyList<string>>> Built = new(BuildAsync);

    /// <summary>Paths of the compiled RTU master and slave.</summary>
    public static async Task<(string Master, string Slave)> GetAsync()
    {
        var programs = await Built.Value;
        return (programs[0], programs[1]);
    }

    /// <summary>Paths of the compiled master (given <c>tcp:PORT</c> as its device) and Modbus TCP server.</summary>
    public static async Task<(string Master, string Slave)> GetTcpAsync()
    {
        var programs = await Built.Value;
        return (programs[0], programs[2]);
    }

    private static async Task<IReadOnlyList<string>> BuildAsync()
    {
        var flags = await Run("pkg-config", ["--cflags", "--libs", "libmodbus"], "pkg-config cannot find libmodbus");
        // Next to the tests, not in /tmp: rebuilt by every run, nothing left behind.
        var output = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "libmodbus-programs")).FullName;
        var sources = Path.Combine(AppContext.BaseDirectory, "Simulation", "Libmodbus");
        var programs = new List<string>();
        foreach (var name in Names)
        {
            var binary = Path.Combine(output, name);
            string[] arguments = ["-O2", "-Wall", "-Werror", "-o", binary, Path.Combine(sources, name + ".c"), .. flags.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
            await Run("gcc", arguments, $"gcc cannot build {name}.c against libmodbus");
            programs.Add(binary);
        }

        return programs;
    }

    private static async Task<string> Run(string file, string[] arguments, string problem)
    {
        try
        {
            var (exitCode, output, error) = await ChildProcess.RunAsync(file, arguments, BuildTimeout);
            return exitCode == 0
                ? output.Trim()
                : throw new InvalidOperationException($"{problem} (exit {exitCode}: {error.Trim()}); install the Debian packages: {Install}");
        }
        catch (InvalidOperationException missing) when (missing.InnerException is not null)
        {
            throw new InvalidOperationException($"{problem}: {missing.Message}; install the Debian packages: {Install}", missing);
        }
    }
}
