using Streams.Core;
using Streams.Devices.Eg4Legacy;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Jbd;
using Streams.Devices.Modbus;

namespace Streams.Tools;

/// <summary>The <c>streams decode &lt;protocol&gt; &lt;hex&gt;</c> command: one frame in, indented JSON out.</summary>
public static class FrameDecoding
{
    /// <summary>Each protocol's decoder, in the order help texts list them; each lives with its device.</summary>
    private static readonly KeyValuePair<string, Func<byte[], DecodeResult<string>>>[] Decoders =
    [
        new(ModbusJson.Protocol, ModbusJson.Decode),
        new(Eg4LlDevice.Protocol, Eg4LlJson.Decode),
        new(Eg4LegacyDevice.Protocol, Eg4LegacyJson.Decode),
        new(JbdDevice.Protocol, JbdJson.Decode),
    ];

    /// <summary>The protocol names <see cref="DecodeToJson"/> accepts.</summary>
    public static IReadOnlyList<string> Protocols { get; } = [.. Decoders.Select(decoder => decoder.Key)];

    /// <summary>
    /// Decodes one complete frame given as hex (spaces allowed) and renders it as indented JSON
    /// with invariant-culture numbers. Invalid hex, an unknown protocol or a bad frame is a
    /// failure with a one-line message; nothing throws.
    /// </summary>
    /// <param name="protocol"><c>modbus</c> (generic frame), <c>eg4-ll</c>, <c>eg4-7e</c> or <c>jbd</c>.</param>
    /// <param name="hex">The frame, e.g. <c>"dd a5 03 00 ff fd 77"</c>.</param>
    public static DecodeResult<string> DecodeToJson(string protocol, string hex)
    {
        var name = (protocol ?? string.Empty).Trim().ToLowerInvariant();
        var decode = Decoders.FirstOrDefault(decoder => decoder.Key == name).Value;
        if (decode is null)
        {
            return new DecodeError(
                DecodeErrorKind.InvalidInput,
                $"unknown protocol '{protocol}': use one of {string.Join(", ", Protocols)}");
        }

        return HexInput.Parse(hex).Then(decode);
    }
}
