using Streams.Composition.Kinds;
using Streams.Config.Loading;

namespace Streams.Composition;

/// <summary>Loads a configuration file with every source kind the registry knows.</summary>
public static class Configuration
{
    /// <summary>Reads and validates the file at <paramref name="path"/>; problems are errors, never exceptions.</summary>
    public static ConfigLoadResult Load(string path) => ConfigLoader.Load(path, SourceKinds.Readers);

    /// <summary>Validates configuration text; <paramref name="sourceName"/> names it in error lines and anchors relative paths.</summary>
    public static ConfigLoadResult LoadFromText(string yaml, string sourceName, Func<string, string?>? env = null) =>
        ConfigLoader.LoadFromText(yaml, sourceName, SourceKinds.Readers, env);
}
