using System.Text.Json;
using Streams.Core;
using Streams.Devices.Jbd.Ble;

namespace Streams.Devices.Jbd;

/// <summary>
/// <c>streams decode jbd</c>: <c>FF AA …</c> is a BLE auth frame, <c>DD A5/5A …</c> a request,
/// any other <c>DD … 77</c> a response decoded by its register.
/// </summary>
internal static class JbdJson
{
    public static DecodeResult<string> Decode(byte[] frame)
    {
        if (frame.Length >= 2 && frame[0] == JbdBleAuth.Header0 && frame[1] == JbdBleAuth.Header1)
        {
            return JbdBleAuth.Decode(frame).Map(auth => Write("auth", json =>
            {
                json.WriteString("command", JsonOutput.Hex(auth.Command));
                json.WriteString("data", JsonOutput.HexBytes(auth.Data));
                if (auth.Command == JbdBleAuth.GetRandomCommand && auth.Data.Count == 1)
                {
                    json.WriteString("random_byte", JsonOutput.Hex(auth.Data[0]));
                }
            }));
        }

        if (frame.Length >= 2 && frame[1] is JbdLayout.ReadMarker or JbdLayout.WriteMarker)
        {
            return JbdDecoder.DecodeRequest(frame).Map(request => Write(request.IsWrite ? "write_request" : "read_request", json =>
            {
                json.WriteString("register", JsonOutput.Hex(request.Register));
                json.WriteString("data", JsonOutput.HexBytes(request.Data));
            }));
        }

        if (!JbdDecoder.DecodeResponse(frame).TryGetValue(out var response, out var error))
        {
            return error;
        }

        if (!response.IsOk)
        {
            return new DecodeError(
                DecodeErrorKind.DeviceError,
                $"JBD BMS answered register 0x{response.Register:X2} with error status 0x{response.Status:X2}");
        }

        return response.Register switch
        {
            JbdRegister.BasicInfo => JbdDecoder.DecodeBasicInfo(frame).Map(basic => Write("basic_info", json =>
                JsonOutput.WriteFields(json, JbdReadings.ToFields(basic, null)))),
            JbdRegister.CellVoltages => JbdDecoder.DecodeCellVoltages(frame).Map(cells => Write("cell_voltages", json =>
                JsonOutput.WriteFields(json, JbdReadings.ToFields(cells)))),
            JbdRegister.HardwareVersion => JbdDecoder.DecodeHardwareVersion(frame).Map(model => Write("hardware_version", json =>
                json.WriteString("model", model))),
            _ => Write("response", json =>
            {
                json.WriteString("register", JsonOutput.Hex(response.Register));
                json.WriteNumber("status", response.Status);
                json.WriteString("data", JsonOutput.HexBytes(response.Data));
            }),
        };
    }

    private static string Write(string kind, Action<Utf8JsonWriter> body) => JsonOutput.Object(json =>
    {
        json.WriteString("protocol", JbdDevice.Protocol);
        json.WriteString("kind", kind);
        body(json);
    });
}
