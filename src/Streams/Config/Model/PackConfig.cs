namespace Streams.Config.Model;

/// <summary>One battery pack on a bus.</summary>
/// <param name="Name">Stable identity of the pack: letters, digits, <c>_</c> and <c>-</c> only, because it
/// becomes part of MQTT topics and Home Assistant ids. Unique across all sources (case-insensitive).</param>
/// <param name="Address">Bus address, 1..247 (a Modbus slave id, or the 7E protocol address).</param>
internal sealed record PackConfig(string Name, int Address);
