using System.Reactive.Concurrency;

namespace Streams.IntegrationTests.Tcp;

/// <summary>
/// What the converter tests share: a frozen clock for the simulated packs (their registers stay what
/// a test computes from them), a scratch directory, and the peers a test started, disposed last first.
/// </summary>
public abstract class ConverterFixture : IDisposable
{
    private readonly List<IDisposable> _cleanup = [];

    private protected HistoricalScheduler Clock { get; } = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    private protected string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("streams-tcp-").FullName;

    public void Dispose()
    {
        foreach (var item in Enumerable.Reverse(_cleanup))
        {
            item.Dispose();
        }

        System.IO.Directory.Delete(Directory, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes <paramref name="resource"/> with the test, after everything kept later.</summary>
    private protected T Keep<T>(T resource)
        where T : IDisposable
    {
        _cleanup.Add(resource);
        return resource;
    }
}
