using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Streams.Sinks;

/// <summary>
/// <c>--output json</c>: one JSON object per message, <c>{"topic":…,"retain":…,"payload":…}</c>,
/// the payload embedded as JSON when it is JSON (states, discovery) and as a string otherwise
/// (<c>online</c>), so that <c>jq</c> can read the stream.
/// </summary>
public sealed class JsonMessageSink(ConsoleOutput output) : IMessageSink
{
    public void Publish(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        output.WriteLine(Line(message));
    }

    internal static string Line(OutboundMessage message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("topic", message.Topic);
            json.WriteBoolean("retain", message.Retain);
            json.WritePropertyName("payload");
            if (IsJson(message.Utf8Payload))
            {
                json.WriteRawValue(message.Utf8Payload, skipInputValidation: true);
            }
            else
            {
                json.WriteStringValue(message.Payload);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static bool IsJson(byte[] payload)
    {
        if (payload.Length == 0 || payload[0] is not ((byte)'{' or (byte)'['))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
