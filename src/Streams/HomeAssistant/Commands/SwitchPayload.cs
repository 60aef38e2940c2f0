namespace Streams.HomeAssistant.Commands;

/// <summary>The payload of a switch command: exactly <c>ON</c> or <c>OFF</c> (the switch's payload_on/payload_off).</summary>
internal static class SwitchPayload
{
    public const string On = "ON";
    public const string Off = "OFF";

    /// <summary>True for <c>ON</c>, false for <c>OFF</c>, null for anything else (case matters: Home Assistant sends exactly these).</summary>
    public static bool? Parse(string payload) => payload switch
    {
        On => true,
        Off => false,
        _ => null,
    };
}
