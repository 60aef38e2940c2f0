namespace Streams.Config.Loading;

/// <summary>
/// One problem found in a configuration file, printed as one line:
/// <c>config.yaml:12:5: sources[0].packs[1].address: must be 1..247, got 300</c>.
/// </summary>
/// <param name="File">The file name as given to the loader.</param>
/// <param name="Line">1-based line of the offending node; 0 when the problem has no position (e.g. a missing file).</param>
/// <param name="Column">1-based column of the offending node; 0 when unknown.</param>
/// <param name="KeyPath">Where in the document, e.g. <c>sources[0].packs[1].address</c>; empty for the whole file.</param>
/// <param name="Message">What is wrong, one line, never containing a secret.</param>
public sealed record ConfigError(string File, int Line, int Column, string KeyPath, string Message)
{
    /// <summary>The one-line form <c>file:line:column: key.path: message</c>.</summary>
    public override string ToString()
    {
        var position = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        var where = KeyPath.Length > 0 ? $"{position}: {KeyPath}" : position;
        return $"{where}: {OneLine(Message)}";
    }

    private static string OneLine(string text) =>
        text.Contains('\n') || text.Contains('\r')
            ? text.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ')
            : text;
}
