using Xunit;

namespace Streams.Testing.Marbles;

/// <summary>
/// The .marble files copied next to the test binaries (<c>marbles/**/*.marble</c>, see
/// Streams.Tests.csproj), as xunit theory data of paths relative to <see cref="Root"/>
/// (e.g. <c>harness/throttle.marble</c>): each file is its own, re-runnable test case.
/// </summary>
public static class MarbleCases
{
    /// <summary>The folder the files are copied to: <c>&lt;test binaries&gt;/marbles</c>.</summary>
    public static string Root => Path.Combine(AppContext.BaseDirectory, "marbles");

    /// <summary>Relative paths ('/'-separated, sorted) of every file under <paramref name="folder"/> ("" for all).</summary>
    public static IReadOnlyList<string> Files(string folder = "")
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(Root))
        {
            throw new InvalidOperationException(
                $"no marble folder at {Root}; the test project must copy ../../marbles/**/*.marble with LinkBase=\"marbles\"");
        }

        var prefix = folder.Trim('/') is { Length: > 0 } f ? f + "/" : "";
        return Directory.EnumerateFiles(Root, "*.marble", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Root, p).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(p => p.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every marble file, one theory case each.</summary>
    public static TheoryData<string> All() => Under("");

    /// <summary>The marble files under <paramref name="folder"/> (relative to <see cref="Root"/>), one theory case each.</summary>
    public static TheoryData<string> Under(string folder)
    {
        var files = Files(folder);
        if (files.Count == 0)
        {
            throw new InvalidOperationException($"no .marble files under {Path.Combine(Root, folder)}");
        }

        return new TheoryData<string>(files);
    }

    /// <summary>Absolute path of <paramref name="file"/>: as is when rooted, else under <see cref="Root"/>.</summary>
    public static string Resolve(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Path.IsPathRooted(file) ? file : Path.Combine(Root, file);
    }

    /// <summary>Loads <paramref name="file"/> (see <see cref="Resolve"/>), naming it by its relative path in messages.</summary>
    public static MarbleFile Load(string file) => MarbleFile.Load(Resolve(file), file);
}
