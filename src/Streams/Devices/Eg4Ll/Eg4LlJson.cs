using Streams.Core;
using Streams.Devices.Modbus;

namespace Streams.Devices.Eg4Ll;

/// <summary>
/// <c>streams decode eg4-ll</c>: a whole Modbus frame, parsed and decoded as the bridge does. A
/// response does not carry its start register, so its length says which read it answers: 23
/// registers the identity read at 105; fewer than the status read's 39 that still hold 21..23, a
/// bank master's answer to an inverter's read from 19 (19..34 or 19..35 on the buses captured);
/// any other the status read at register 0. A query is shown as the generic Modbus query; an
/// exception is the device error it means.
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

        if (registers.Length < Eg4LlRegisterMap.StatusCount && Eg4LlMasterDecoder.Covers(Eg4LlMasterMap.BankStart, registers.Length))
        {
            return Eg4LlMasterDecoder.Decode(Eg4LlMasterDecoder.Collect(registers, Eg4LlMasterMap.BankStart)).Map(master => JsonOutput.Object(json =>
            {
                json.WriteString("protocol", Eg4LlDevice.Protocol);
                json.WriteString("kind", "bank_master");
                json.WriteNumber("address", frame.Address);
                json.WriteNumber("start_register", Eg4LlMasterMap.BankStart);
                json.WriteNumber("register_count", registers.Length);
                JsonOutput.WriteFields(json, Eg4LlMasterReadings.ToFields(master));
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
