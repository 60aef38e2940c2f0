using Streams.Core;
using Streams.Devices.Modbus;

namespace Streams.Devices.Eg4Ll;

/// <summary>
/// <c>streams decode eg4-ll</c>: a whole Modbus frame, parsed and decoded as the bridge does. A
/// response of 23 registers is taken as the identity read at 105, any other as the status read at
/// register 0 (a response does not carry its start register); a query is shown as the generic
/// Modbus query; an exception is the device error it means.
/// </summary>
internal static class Eg4LlJson
{
    public static DecodeResult<string> Decode(byte[] bytes)
    {
        if (!ModbusFrame.Parse(bytes).TryGetValue(out var frame, out var error))
        {
            return error;
        }

        if (frame.Kind == ModbusFrameKind.Query)
        {
            return JsonOutput.Object(json =>
            {
                json.WriteString("protocol", Eg4LlDevice.Protocol);
                ModbusJson.WriteFrame(json, frame);
            });
        }

        if (!ModbusReplies.Registers(frame).TryGetValue(out var registers, out error))
        {
            return error;
        }

        if (registers.Length == Eg4LlRegisterMap.IdentityCount)
        {
            return Eg4LlDecoder.DecodeIdentity(registers, Eg4LlRegisterMap.IdentityStart).Map(identity => JsonOutput.Object(json =>
            {
                json.WriteString("protocol", Eg4LlDevice.Protocol);
                json.WriteString("kind", "identity");
                json.WriteNumber("address", frame.Address);
                json.WriteString("model", identity.Model);
                json.WriteString("firmware", identity.Firmware);
                json.WriteString("serial", identity.Serial);
            }));
        }

        return Eg4LlDecoder.DecodeStatus(registers, 0, frame.Address).Map(status => JsonOutput.Object(json =>
        {
            json.WriteString("protocol", Eg4LlDevice.Protocol);
            json.WriteString("kind", "status");
            json.WriteNumber("address", frame.Address);
            json.WriteNumber("register_count", status.Registers.Count);
            JsonOutput.WriteFields(json, Eg4LlReadings.ToFields(status));
        }));
    }
}
