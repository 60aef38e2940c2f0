using System.Buffers;
using System.Text;
using System.Text.Json;
using Streams.Readings;

namespace Streams.HomeAssistant;

/// <summary>
/// The one JSON state document per device per poll (instead of the seed's topic per value).
/// Home Assistant reads each entity out of it with a value template, so a poll costs one message.
/// </summary>
public static class StatePayload
{
    /// <summary>Numbers in the invariant culture, rounded to the field's display precision when it has one.</summary>
    public static string Build(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var field in reading.Fields)
            {
                if (field.Number is { } number)
                {
                    json.WriteNumber(field.Spec.Key, field.Spec.Precision is { } digits ? Math.Round(number, digits) : number);
                }
                else if (field.Flag is { } flag)
                {
                    json.WriteString(field.Spec.Key, flag ? "ON" : "OFF");
                }
                else if (field.Text is { } text)
                {
                    json.WriteString(field.Spec.Key, text);
                }
            }

            json.WriteString("timestamp", reading.Timestamp.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
