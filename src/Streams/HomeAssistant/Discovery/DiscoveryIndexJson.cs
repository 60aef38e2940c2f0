using System.Text.Json.Serialization;

namespace Streams.HomeAssistant.Discovery;

/// <summary>
/// The discovery index's JSON shape (<c>{"&lt;config topic&gt;": ["platform/key", …]}</c>), written
/// through System.Text.Json source generation so the native binary needs no reflection for it.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(SortedDictionary<string, IReadOnlyList<string>>))]
internal sealed partial class DiscoveryIndexJson : JsonSerializerContext;
