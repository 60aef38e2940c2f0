using Streams.Core;
using Streams.Devices.Eg4Legacy;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Jbd;
using Streams.Devices.Modbus;

namespace Streams.Tools;

/// <summary>The <c>streams decode &lt;protocol&gt; &lt;hex&gt;</c> command: one frame in, indented JSON out.</summary>
public static class FrameDecoding
{
    public const string Modbus = "modbus";

    /// <summary>The protocol names <see cref="DecodeToJson"/> accepts.</summary>
    public static IReadOnlyList<string> Protocols { get; } = [Modbus, DeviceKinds.Eg4Ll, DeviceKinds.Eg4Legacy, DeviceKinds.Jbd];

    /// <summary>
    /// Decodes one complete frame given as hex (spaces allowed) and renders it as indented JSON
    /// with invariant-culture numbers. Invalid hex, an unknown protocol or a bad frame is a
    /// failure with a one-line message; nothing throws.
    /// </summary>
    /// <param name="protocol"><c>modbus</c> (generic frame), <c>eg4-ll</c>, <c>eg4-7e</c> or <c>jbd</c>.</param>
    /// <param name="hex">The frame, e.g. <c>"dd a5 03 00 ff fd 77"</c>.</param>
    public static DecodeResult<string> DecodeToJson(string protocol, string hex)
    {
        var decode = (protocol ?? string.Empty).Trim().ToLowerInvariant() switch
        {
            Modbus => ModbusJson.Decode,
            DeviceKinds.Eg4Ll => Eg4LlJson.Decode,
            DeviceKinds.Eg4Legacy => Eg4LegacyJson.Decode,
            DeviceKinds.Jbd => JbdJson.Decode,
            _ => (Func<byte[], DecodeResult<string>>?)null,
        };

        if (decode is null)
        {
            return new DecodeError(
                DecodeErrorKind.InvalidInput,
                $"unknown protocol '{protocol}': use one of {string.Join(", ", Protocols)}");
        }

        return HexInput.Parse(hex).TryGetValue(out var frame, out var error) ? decode(frame) : error;
    }
}
