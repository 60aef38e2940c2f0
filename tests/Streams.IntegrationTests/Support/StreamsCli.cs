namespace Streams.IntegrationTests.Support;

/// <summary>The <c>streams</c> CLI as the integration project builds it (src/App/bin/&lt;configuration&gt;/&lt;tfm&gt;/streams.dll), run with dotnet.</summary>
internal static class StreamsCli
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The dotnet host running the tests (the SDK sets DOTNET_HOST_PATH for its children).</summary>
    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public static string DllPath { get; } = Locate();

    /// <summary>Where the runs of this test process keep their energy meters: never the user's home; removed when the tests end.</summary>
    private static readonly Lazy<DirectoryInfo> StateRoot = new(() =>
    {
        var root = Directory.CreateTempSubdirectory("streams-cli-state-");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => root.Delete(recursive: true);
        return root;
    });

    /// <summary>Every run keeps its energy meters in a directory of its own.</summary>
    public static ChildProcess Start(params string[] arguments) => StartWithStateIn(FreshStateDirectory(), arguments);

    /// <summary>A run whose energy meters keep their totals in <paramref name="stateDirectory"/> (systemd's <c>$STATE_DIRECTORY</c>).</summary>
    public static ChildProcess StartWithStateIn(string stateDirectory, params string[] arguments) =>
        ChildProcess.Start(DotnetHost, [DllPath, .. arguments], StateEnvironment(stateDirectory));

    /// <summary>Runs to the end within <paramref name="timeout"/>, with a state directory of its own.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(TimeSpan timeout, params string[] arguments) =>
        ChildProcess.RunAsync(DotnetHost, [DllPath, .. arguments], timeout, StateEnvironment(FreshStateDirectory()));

    private static string FreshStateDirectory() => StateRoot.Value.CreateSubdirectory(Guid.NewGuid().ToString("N")).FullName;

    private static Dictionary<string, string?> StateEnvironment(string stateDirectory) => new() { ["STATE_DIRECTORY"] = stateDirectory };

    /// <summary>With environment variables set (a null value removes one) for the child.</summary>
    public static ChildProcess Start(IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        ChildProcess.Start(DotnetHost, [DllPath, .. arguments], environment);

    private static string Locate()
    {
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Streams.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException($"Streams.sln not found above {output.FullName}");
        }

        var dll = Path.Combine(root.FullName, "src", "App", "bin", configuration, framework, "streams.dll");
        return File.Exists(dll)
            ? dll
            : throw new InvalidOperationException($"{dll} is missing: build the solution (the integration project builds src/App)");
    }
}
