using Streams.Config.Model;

namespace Streams.Composition;

/// <summary>The names a user writes for each <see cref="SimulatedDevice"/> (the YAML <c>device</c> values).</summary>
public static class SimulatedDeviceNames
{
    /// <summary>Name → kind, in the order help texts list them.</summary>
    public static IReadOnlyList<KeyValuePair<string, SimulatedDevice>> All { get; } =
    [
        new("eg4-ll", SimulatedDevice.Eg4Ll),
        new("eg4-ll-master", SimulatedDevice.Eg4LlMaster),
        new("eg4-7e", SimulatedDevice.Eg47E),
        new("jbd", SimulatedDevice.Jbd),
    ];

    /// <summary>The user-facing name of <paramref name="kind"/>, e.g. <c>eg4-ll</c>.</summary>
    public static string NameOf(SimulatedDevice kind) => All.First(entry => entry.Value == kind).Key;

    /// <summary>The kind named <paramref name="name"/> (exact, lower case), if any.</summary>
    public static bool TryParse(string? name, out SimulatedDevice kind)
    {
        foreach (var entry in All)
        {
            if (entry.Key == name)
            {
                kind = entry.Value;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
