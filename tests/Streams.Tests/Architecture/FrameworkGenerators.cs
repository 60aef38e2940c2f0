using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Streams.Tests.Architecture;

/// <summary>
/// The source generators the SDK runs for the library (regular expressions, System.Text.Json), loaded
/// from the targeting pack of the running framework: <c>packs/Microsoft.NETCore.App.Ref/VERSION/analyzers/dotnet/cs</c>.
/// </summary>
internal static class FrameworkGenerators
{
    private static readonly string[] Assemblies = ["System.Text.RegularExpressions.Generator.dll", "System.Text.Json.SourceGeneration.dll"];

    public static IEnumerable<ISourceGenerator> All()
    {
        var directory = AnalyzerDirectory();
        foreach (var file in Assemblies)
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"the framework's source generator {file} is not in {directory}", path);
            }

            foreach (var type in LoadableTypes(Assembly.LoadFrom(path)).Where(IsGenerator))
            {
                yield return ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator();
            }
        }
    }

    /// <summary>The generator assemblies also hold code fixes for the IDE, whose Workspaces dependency a test does not have.</summary>
    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            return partial.Types.OfType<Type>();
        }
    }

    private static bool IsGenerator(Type type) =>
        !type.IsAbstract && typeof(IIncrementalGenerator).IsAssignableFrom(type) && type.GetCustomAttributes<GeneratorAttribute>().Any();

    /// <summary>The targeting pack of this runtime's version, else the newest one of its major version.</summary>
    private static string AnalyzerDirectory()
    {
        // shared/Microsoft.NETCore.App/VERSION/System.Private.CoreLib.dll → the dotnet root.
        var runtime = new DirectoryInfo(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
        var packs = Path.Combine(runtime.Parent!.Parent!.Parent!.FullName, "packs", "Microsoft.NETCore.App.Ref");
        var exact = Path.Combine(packs, runtime.Name);
        var version = Directory.Exists(exact)
            ? runtime.Name
            : Directory.EnumerateDirectories(packs, $"{Environment.Version.Major}.*").Select(Path.GetFileName).Max(StringComparer.Ordinal)
                ?? throw new DirectoryNotFoundException($"no targeting pack {Environment.Version.Major}.* in {packs}");
        return Path.Combine(packs, version!, "analyzers", "dotnet", "cs");
    }
}
