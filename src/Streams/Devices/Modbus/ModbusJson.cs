using System.Text.Json;
using Streams.Core;

namespace Streams.Devices.Modbus;

/// <summary><c>streams decode modbus</c>: the generic shape of any fn 0x03 frame, parsed as the bridge parses it.</summary>
internal static class ModbusJson
{
    public const string Protocol = "modbus";

    public static DecodeResult<string> Decode(byte[] frame) =>
        ModbusFrame.Parse(frame).Map(parsed => JsonOutput.Object(json =>
        {
            json.WriteString("protocol", Protocol);
            WriteFrame(json, parsed);
        }));

    public static void WriteFrame(Utf8JsonWriter json, ModbusFrame frame)
    {
        json.WriteString("kind", frame.Kind switch
        {
            ModbusFrameKind.Query => "query",
            ModbusFrameKind.Response => "response",
            _ => "exception",
        });
        json.WriteNumber("address", frame.Address);
        json.WriteNumber("function", frame.Function);
        json.WriteString("crc", JsonOutput.Hex(frame.Crc, 4));
        switch (frame.Kind)
        {
            case ModbusFrameKind.Query:
                json.WriteNumber("start_register", frame.StartRegister);
                json.WriteNumber("register_count", frame.RegisterCount);
                break;
            case ModbusFrameKind.Response:
                json.WriteNumber("byte_count", frame.RegisterCount * 2);
                json.WriteStartArray("registers");
                foreach (var register in frame.GetRegisters())
                {
                    json.WriteNumberValue(register);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteNumber("exception_code", frame.ExceptionCode);
                break;
        }
    }
}
