using Streams.Core;
using Streams.Devices.Modbus;

namespace Streams.Devices.Eg4Ll;

/// <summary>
/// <c>streams decode eg4-ll</c>: a whole Modbus frame. A response of ≥ 39 registers is taken as
/// the status read at register 0, one of 23 registers as the identity read at 105 (a response
/// does not carry its start register); a query is shown as the generic Modbus query.
/// </summary>
internal static class Eg4LlJson
{
    public static DecodeResult<string> Decode(byte[] frame)
    {
        if (!ModbusMessageDecoder.Decode(frame).TryGetValue(out var message, out var error))
        {
            return error;
        }

        if (message.Kind == ModbusMessageKind.Query)
        {
            return JsonOutput.Object(json =>
            {
                json.WriteString("protocol", DeviceKinds.Eg4Ll);
                ModbusJson.WriteMessage(json, message);
            });
        }

        if (message.Registers?.Count == Eg4LlRegisterMap.IdentityCount)
        {
            return Eg4LlFrameDecoder.DecodeIdentity(frame).Map(identity => JsonOutput.Object(json =>
            {
                json.WriteString("protocol", DeviceKinds.Eg4Ll);
                json.WriteString("kind", "identity");
                json.WriteNumber("address", message.Address);
                json.WriteString("model", identity.Model);
                json.WriteString("firmware", identity.Firmware);
                json.WriteString("serial", identity.Serial);
            }));
        }

        return Eg4LlFrameDecoder.DecodeStatus(frame).Map(status => JsonOutput.Object(json =>
        {
            json.WriteString("protocol", DeviceKinds.Eg4Ll);
            json.WriteString("kind", "status");
            json.WriteNumber("address", message.Address);
            json.WriteNumber("register_count", status.Registers.Count);
            JsonOutput.WriteFields(json, Eg4LlReadings.ToFields(status));
        }));
    }
}
