namespace Streams.IntegrationTests.Support;

/// <summary>The <c>streams</c> CLI as the integration project builds it (src/App/bin/&lt;configuration&gt;/&lt;tfm&gt;/streams.dll), run with dotnet.</summary>
internal static class StreamsCli
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The dotnet host running the tests (the SDK sets DOTNET_HOST_PATH for its children).</summary>
    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public static string DllPath { get; } = Locate();

    public static ChildProcess Start(params string[] arguments) =>
        ChildProcess.Start(DotnetHost, [DllPath, .. arguments]);

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
