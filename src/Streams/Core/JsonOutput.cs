using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Streams.Core;

/// <summary>Shared pieces of the <c>streams decode</c> JSON: the writer, hex renderings and field objects.</summary>
internal static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Runs <paramref name="write"/> inside one top-level object and returns the indented text.</summary>
    public static string Object(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string Hex(int value, int digits = 2) =>
        "0x" + value.ToString("X" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string HexBytes(IReadOnlyList<byte> bytes)
    {
        var text = new StringBuilder(bytes.Count * 3);
        foreach (var b in bytes)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary><c>"fields": { key: number | bool | text, … }</c> in catalogue order.</summary>
    public static void WriteFields(Utf8JsonWriter json, IReadOnlyList<FieldValue> fields)
    {
        json.WriteStartObject("fields");
        foreach (var field in fields)
        {
            if (field.Number is { } number)
            {
                json.WriteNumber(field.Spec.Key, number);
            }
            else if (field.Flag is { } flag)
            {
                json.WriteBoolean(field.Spec.Key, flag);
            }
            else
            {
                json.WriteString(field.Spec.Key, field.Text);
            }
        }

        json.WriteEndObject();
    }
}
