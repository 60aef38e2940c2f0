using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Streams.Core;
using Streams.HomeAssistant.Discovery;

// StatePayload as of 377ab18 (main before the Native AOT work), kept to measure the new one against it in one run.

namespace Streams.Bench.Baseline;

/// <summary>
/// The one JSON state document per device per poll (instead of the seed's topic per value).
/// Home Assistant reads each entity out of it with a value template, so a poll costs one message.
/// </summary>
/// <remarks>
/// Numbers are written as decoded (the decoders already dropped float noise): Home Assistant rounds
/// for display through <c>suggested_display_precision</c>, so no precision is thrown away here.
/// Utf8JsonWriter never uses the current culture, so there is no decimal comma. Flags are
/// <c>"ON"</c>/<c>"OFF"</c>, the default payloads of binary sensors and switches.
/// </remarks>
internal static class StatePayloadBefore
{
    /// <summary>The reading's own fields only.</summary>
    public static string Build(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return Build(reading, reading.Fields.Select(f => f.Spec).ToArray());
    }

    /// <summary>
    /// Every key of <paramref name="announced"/> (the fields discovery announced for the device), with
    /// <c>null</c> for those this reading lacks, so no value template meets a missing key; Home
    /// Assistant shows null as unknown. Fields of the reading beyond <paramref name="announced"/> follow.
    /// </summary>
    public static string Build(Reading reading, IReadOnlyList<FieldSpec> announced)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(announced);
        var values = new Dictionary<string, FieldValue>(reading.Fields.Count, StringComparer.Ordinal);
        foreach (var field in reading.Fields)
        {
            values[field.Spec.Key] = field;
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, DiscoveryPayloads.WriterOptions))
        {
            json.WriteStartObject();
            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (var spec in announced)
            {
                if (written.Add(spec.Key))
                {
                    WriteValue(json, spec.Key, values.TryGetValue(spec.Key, out var value) ? value : null);
                }
            }

            foreach (var field in reading.Fields)
            {
                if (written.Add(field.Spec.Key))
                {
                    WriteValue(json, field.Spec.Key, field);
                }
            }

            json.WriteString("timestamp", reading.Timestamp.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter json, string key, FieldValue? value)
    {
        switch (value)
        {
            case { Number: { } number } when double.IsFinite(number):
                json.WriteNumber(key, number == 0 ? 0.0 : number);
                break;
            case { Flag: { } flag }:
                json.WriteString(key, flag ? "ON" : "OFF");
                break;
            case { Text: { } text }:
                json.WriteString(key, text);
                break;
            default:
                json.WriteNull(key);
                break;
        }
    }
}
