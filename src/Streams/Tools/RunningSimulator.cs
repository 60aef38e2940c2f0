using Streams.Composition;

namespace Streams.Tools;

/// <summary>Simulated devices being served on a pty; disposing stops them and closes the pty.</summary>
public sealed class RunningSimulator : IDisposable
{
    private readonly SimulatedSource _source;

    internal RunningSimulator(SimulatedSource source)
    {
        _source = source;
    }

    /// <summary>The pty itself, <c>/dev/pts/N</c>.</summary>
    public string PtyPath => _source.Host.PtyPath;

    /// <summary>The symlink made at start, or null.</summary>
    public string? LinkPath => _source.Host.LinkPath;

    public void Dispose() => _source.Dispose();
}
