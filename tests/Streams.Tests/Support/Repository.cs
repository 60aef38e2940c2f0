namespace Streams.Tests.Support;

/// <summary>The repository this test run was built from: the nearest folder above the test output holding <c>Streams.sln</c>.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Streams.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no Streams.sln above {AppContext.BaseDirectory}");
    }
}
