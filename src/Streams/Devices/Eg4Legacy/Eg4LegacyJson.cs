using Streams.Core;

namespace Streams.Devices.Eg4Legacy;

/// <summary>
/// <c>streams decode eg4-7e</c>: a 6-byte frame with length 0 is a request; otherwise a reply,
/// decoded by its command byte.
/// </summary>
internal static class Eg4LegacyJson
{
    public static DecodeResult<string> Decode(byte[] frame)
    {
        if (frame.Length == Eg4LegacyLayout.RequestLength && frame[3] == 0)
        {
            return Eg4LegacyRequest.Decode(frame).Map(request => JsonOutput.Object(json =>
            {
                json.WriteString("protocol", Eg4LegacyDevice.Protocol);
                json.WriteString("kind", "request");
                json.WriteNumber("address", request.Address);
                json.WriteString("command", JsonOutput.Hex(request.Command));
                json.WriteString("checksum", JsonOutput.Hex(request.Checksum));
                json.WriteBoolean("checksum_matches_rule", request.ChecksumMatchesRule);
            }));
        }

        if (frame.Length < 3)
        {
            return new DecodeError(DecodeErrorKind.Truncated, $"EG4 7E reply too short: {frame.Length} bytes");
        }

        return (Eg4LegacyCommand)frame[2] switch
        {
            Eg4LegacyCommand.GeneralStatus => Eg4LegacyDecoder.DecodeStatus(frame).Map(status => JsonOutput.Object(json =>
            {
                json.WriteString("protocol", Eg4LegacyDevice.Protocol);
                json.WriteString("kind", "general_status");
                json.WriteNumber("address", status.Address);
                JsonOutput.WriteFields(json, Eg4LegacyReadings.ToFields(status));
            })),
            Eg4LegacyCommand.FirmwareVersion => Text(frame, Eg4LegacyCommand.FirmwareVersion, "firmware_version"),
            Eg4LegacyCommand.HardwareVersion => Text(frame, Eg4LegacyCommand.HardwareVersion, "hardware_version"),
            _ => new DecodeError(DecodeErrorKind.UnexpectedReply, $"EG4 7E command 0x{frame[2]:X2} is not known"),
        };
    }

    private static DecodeResult<string> Text(byte[] frame, Eg4LegacyCommand command, string kind) =>
        Eg4LegacyDecoder.DecodeText(frame, command).Map(reply => JsonOutput.Object(json =>
        {
            json.WriteString("protocol", Eg4LegacyDevice.Protocol);
            json.WriteString("kind", kind);
            json.WriteNumber("address", reply.Address);
            json.WriteString("text", reply.Text);
        }));
}
