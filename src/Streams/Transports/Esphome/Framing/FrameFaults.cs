namespace Streams.Transports.Esphome.Framing;

/// <summary>The user's reading of a framing fault.</summary>
internal static class FrameFaults
{
    public static EsphomeApiException ToException(FrameFault fault, string proxy) => new(fault switch
    {
        FrameFault.EncryptionExpected => $"ESPHome proxy {proxy} requires encryption: set its API encryption key (api: encryption: key in its YAML)",
        FrameFault.PlaintextExpected => $"ESPHome proxy {proxy} does not use encryption: its YAML has no api: encryption: key, so leave the encryption key out",
        FrameFault.BadHeader => $"ESPHome API protocol error from {proxy}: a frame header beyond the protocol's limits",
        _ => $"ESPHome API protocol error from {proxy}: a frame starts with neither 0x00 nor 0x01 (not an ESPHome API port?)",
    });
}
