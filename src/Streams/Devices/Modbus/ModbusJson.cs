using System.Text.Json;
using Streams.Core;

namespace Streams.Devices.Modbus;

/// <summary><c>streams decode modbus</c>: the generic shape of any register-read frame.</summary>
internal static class ModbusJson
{
    public static DecodeResult<string> Decode(byte[] frame) =>
        ModbusMessageDecoder.Decode(frame).Map(message => JsonOutput.Object(json =>
        {
            json.WriteString("protocol", "modbus");
            WriteMessage(json, message);
        }));

    public static void WriteMessage(Utf8JsonWriter json, ModbusMessage message)
    {
        json.WriteString("kind", message.Kind switch
        {
            ModbusMessageKind.Query => "query",
            ModbusMessageKind.Response => "response",
            _ => "exception",
        });
        json.WriteNumber("address", message.Address);
        json.WriteNumber("function", message.Function);
        json.WriteString("crc", JsonOutput.Hex(message.Crc, 4));
        if (message.StartRegister is { } start && message.Count is { } count)
        {
            json.WriteNumber("start_register", start);
            json.WriteNumber("register_count", count);
        }

        if (message.Registers is { } registers)
        {
            json.WriteNumber("byte_count", registers.Count * 2);
            json.WriteStartArray("registers");
            foreach (var register in registers)
            {
                json.WriteNumberValue(register);
            }

            json.WriteEndArray();
        }

        if (message.ExceptionCode is { } code)
        {
            json.WriteNumber("exception_code", code);
        }
    }
}
