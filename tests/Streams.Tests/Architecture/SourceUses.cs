using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Streams.Tests.Architecture;

/// <summary>One file of the library naming a type of another namespace of it (through a type, member, constant or extension method).</summary>
/// <param name="File">The file, relative to the repository, with forward slashes.</param>
/// <param name="From">The file's namespace.</param>
/// <param name="To">The used symbol's namespace.</param>
/// <param name="Symbol">What was used, for messages.</param>
internal sealed record SourceUse(string File, string From, string To, string Symbol);

/// <summary>
/// Every use one file of <c>src/Streams</c> makes of another namespace of the library, found by compiling
/// the sources with Roslyn and binding every name: types, members, constants (which IL inlines) and
/// extension methods alike. The compilation must be free of errors, or unbound names would go unseen.
/// </summary>
internal static class SourceUses
{
    private const string Root = "Streams";

    public static (IReadOnlyList<SourceUse> Uses, IReadOnlyList<(string File, string Declared, string Expected)> Misplaced) Of(string repository)
    {
        var sourceRoot = Path.Combine(repository, "src", "Streams");
        var files = Directory.EnumerateFiles(sourceRoot, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(Path.GetRelativePath(sourceRoot, path)))
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToList();
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = files.Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), options, path)).ToList();
        trees.Add(CSharpSyntaxTree.ParseText(ImplicitUsings, options, "ImplicitUsings.g.cs"));
        var written = CSharpCompilation.Create(
            "Streams.Core.Architecture",
            trees,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: false));
        // The framework's own source generators ([GeneratedRegex], the System.Text.Json contexts), as the build runs them.
        CSharpGeneratorDriver.Create(FrameworkGenerators(), parseOptions: options)
            .RunGeneratorsAndUpdateCompilation(written, out var compilation, out _);
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("the library does not compile for the architecture check:\n" + string.Join("\n", errors));
        }

        var uses = new List<SourceUse>();
        var misplaced = new List<(string, string, string)>();
        foreach (var tree in trees.Where(t => t.FilePath.EndsWith(".cs", StringComparison.Ordinal) && File.Exists(t.FilePath)))
        {
            var file = Path.GetRelativePath(repository, tree.FilePath).Replace('\\', '/');
            var root = tree.GetRoot();
            var declared = root.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault()?.Name.ToString() ?? string.Empty;
            var expected = string.Join('.', new[] { Root }.Concat(Path.GetDirectoryName(Path.GetRelativePath(sourceRoot, tree.FilePath))!
                .Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries)));
            if (declared != expected)
            {
                misplaced.Add((file, declared, expected));
            }

            var model = compilation.GetSemanticModel(tree);
            foreach (var node in root.DescendantNodes().Where(n => n is SimpleNameSyntax or ImplicitObjectCreationExpressionSyntax))
            {
                if (node.Ancestors().Any(a => a is UsingDirectiveSyntax || (a is BaseNamespaceDeclarationSyntax ns && ns.Name.Span.Contains(node.Span))))
                {
                    continue;
                }

                var info = model.GetSymbolInfo(node);
                var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                if (NamespaceOf(symbol) is { } used && used.StartsWith(Root + ".", StringComparison.Ordinal) && used != declared)
                {
                    uses.Add(new SourceUse(file, declared, used, symbol!.ToDisplayString()));
                }
            }
        }

        return (uses, misplaced);
    }

    private static string? NamespaceOf(ISymbol? symbol)
    {
        var type = symbol switch
        {
            null or INamespaceSymbol or ILocalSymbol or IParameterSymbol or ITypeParameterSymbol or ILabelSymbol or IRangeVariableSymbol => null,
            INamedTypeSymbol named => named,
            IArrayTypeSymbol array => array.ElementType as INamedTypeSymbol,
            IMethodSymbol { ReducedFrom: { } extension } => extension.ContainingType,
            _ => symbol.ContainingType,
        };
        while (type?.ContainingType is { } outer)
        {
            type = outer;
        }

        return type is null || type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
    }

    private static bool IsBuildOutput(string relative) =>
        relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        || relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    // What <ImplicitUsings>enable</ImplicitUsings> gives every file of the library (Directory.Build.props).
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    /// <summary>The source generators the .NET SDK's reference pack ships for C# (the pack of the running major version).</summary>
    private static IEnumerable<ISourceGenerator> FrameworkGenerators()
    {
        var dotnetRoot = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var pack = new DirectoryInfo(Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref")).EnumerateDirectories($"{Environment.Version.Major}.*")
            .OrderBy(directory => Version.TryParse(directory.Name.Split('-')[0], out var version) ? version : new Version(0, 0))
            .LastOrDefault() ?? throw new InvalidOperationException($"no Microsoft.NETCore.App.Ref {Environment.Version.Major}.x pack under {dotnetRoot}");
        var loader = new GeneratorLoader();
        return new[] { "System.Text.Json.SourceGeneration.dll", "System.Text.RegularExpressions.Generator.dll" }
            .Select(name => new Microsoft.CodeAnalysis.Diagnostics.AnalyzerFileReference(Path.Combine(pack.FullName, "analyzers", "dotnet", "cs", name), loader))
            .SelectMany(reference => reference.GetGenerators(LanguageNames.CSharp))
            .ToArray();
    }

    private sealed class GeneratorLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public System.Reflection.Assembly LoadFromPath(string fullPath) => System.Reflection.Assembly.LoadFrom(fullPath);
    }

    // The framework, and the packages the library references (System.Reactive, Serilog, YamlDotNet), from this
    // test's own output; never the compiled library itself, whose types the sources declare again.
    private static IEnumerable<MetadataReference> References()
    {
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => !Path.GetFileName(path).StartsWith(Root + ".", StringComparison.Ordinal));
        var packages = new[] { typeof(System.Reactive.Linq.Observable), typeof(Serilog.ILogger), typeof(YamlDotNet.RepresentationModel.YamlNode) }
            .Select(type => type.Assembly.Location);
        return framework.Concat(packages).Distinct(StringComparer.Ordinal).Select(path => MetadataReference.CreateFromFile(path));
    }
}
