using Streams.Config.Model;
using Streams.Polling;

namespace Streams.Composition.Kinds;

/// <summary>Configured packs as a poller takes them.</summary>
internal static class Packs
{
    /// <summary>The loader has checked every address is 1..247.</summary>
    public static IReadOnlyList<PolledPack> Polled(IEnumerable<PackConfig> packs) => [.. packs.Select(pack => new PolledPack(pack.Name, (byte)pack.Address))];
}
