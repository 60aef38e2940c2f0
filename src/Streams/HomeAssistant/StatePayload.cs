using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Streams.Core;
using Streams.HomeAssistant.Discovery;

namespace Streams.HomeAssistant;

/// <summary>
/// The one JSON state document per device per poll (instead of the seed's topic per value).
/// Home Assistant reads each entity out of it with a value template, so a poll costs one message.
/// </summary>
/// <remarks>
/// Numbers are written as decoded (the decoders already dropped float noise): Home Assistant rounds
/// for display through <c>suggested_display_precision</c>, so no precision is thrown away here.
/// Utf8JsonWriter never uses the current culture, so there is no decimal comma. Flags are
/// <c>"ON"</c>/<c>"OFF"</c>, the default payloads of binary sensors and switches.
/// This runs once per reading (a replay: a million times), so each thread reuses one buffer and
/// one writer, and the usual case (the reading carries the announced fields in their order) needs
/// no lookup table and is written as bytes by <see cref="InOrderStateDocument"/>.
/// </remarks>
internal static class StatePayload
{
    [ThreadStatic]
    private static StateWriter? t_writer;

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
    public static string Build(Reading reading, IReadOnlyList<FieldSpec> announced) => Encoding.UTF8.GetString(BuildUtf8(reading, announced));

    /// <summary>The document of <see cref="Build(Reading, IReadOnlyList{FieldSpec})"/> as UTF-8, the form it is published in.</summary>
    public static byte[] BuildUtf8(Reading reading, IReadOnlyList<FieldSpec> announced)
    {
        var writer = t_writer ??= new StateWriter();
        Write(reading, announced, writer.Buffer);
        return writer.Buffer.WrittenSpan.ToArray();
    }

    /// <summary>The document of <see cref="Build(Reading, IReadOnlyList{FieldSpec})"/> as UTF-8, in place of what <paramref name="destination"/> held.</summary>
    public static void Write(Reading reading, IReadOnlyList<FieldSpec> announced, ArrayBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(announced);
        ArgumentNullException.ThrowIfNull(destination);
        (t_writer ??= new StateWriter()).Write(reading, announced, destination);
    }

    private sealed class StateWriter
    {
        private static readonly JsonEncodedText On = StateKeyNames.Encode("ON");
        private static readonly JsonEncodedText Off = StateKeyNames.Encode("OFF");
        private static readonly JsonEncodedText TimestampKey = StateKeyNames.Encode("timestamp");

        private readonly Utf8JsonWriter _json;
        private readonly Dictionary<string, FieldValue> _values = new(StringComparer.Ordinal);
        private readonly HashSet<string> _written = new(StringComparer.Ordinal);
        private readonly StateKeyNames _names = new();
        private readonly byte[] _number = new byte[ShortDecimal.MaxLength];

        private long _timestampSecond = long.MinValue;
        private JsonEncodedText _timestamp;

        public StateWriter() => _json = new Utf8JsonWriter(Buffer, DiscoveryPayloads.WriterOptions);

        /// <summary>Where <see cref="BuildUtf8"/> writes before it copies.</summary>
        public ArrayBufferWriter<byte> Buffer { get; } = new(4096);

        public void Write(Reading reading, IReadOnlyList<FieldSpec> announced, ArrayBufferWriter<byte> buffer)
        {
            buffer.ResetWrittenCount();
            var timestamp = Timestamp(reading.Timestamp);
            if (InOrder(reading.Fields, announced) is { } names
                && InOrderStateDocument.TryWrite(ListSpans.Of(reading.Fields), names, timestamp, buffer))
            {
                return;
            }

            buffer.ResetWrittenCount();
            _json.Reset(buffer);
            _json.WriteStartObject();
            WriteByLookup(reading.Fields, announced);
            _json.WriteString(TimestampKey, timestamp);
            _json.WriteEndObject();
            _json.Flush();
        }

        /// <summary>
        /// The usual case: the reading's fields are the first of <paramref name="announcedList"/>, in order,
        /// and the rest of it are keys the reading lacks (nulls). Their encoded names then, else null.
        /// </summary>
        private StateKeyNames.Names? InOrder(IReadOnlyList<FieldValue> fieldList, IReadOnlyList<FieldSpec> announcedList)
        {
            var fields = ListSpans.Of(fieldList);
            var announced = ListSpans.Of(announcedList);
            if (announced.Length < fields.Length)
            {
                return null;
            }

            for (var i = 0; i < fields.Length; i++)
            {
                var spec = fields[i].Spec;
                if (!ReferenceEquals(spec, announced[i]) && !string.Equals(spec.Key, announced[i].Key, StringComparison.Ordinal))
                {
                    return null;
                }
            }

            var names = _names.For(announcedList);
            return announced.Length > fields.Length && !names.Distinct ? null : names;
        }

        private void WriteByLookup(IReadOnlyList<FieldValue> fields, IReadOnlyList<FieldSpec> announced)
        {
            _values.Clear();
            _written.Clear();
            foreach (var field in fields)
            {
                _values[field.Spec.Key] = field;
            }

            var names = _names.For(announced).Encoded;
            for (var i = 0; i < announced.Count; i++)
            {
                var key = announced[i].Key;
                if (_written.Add(key))
                {
                    WriteValue(names[i], _values.TryGetValue(key, out var value) ? value : null);
                }
            }

            foreach (var field in fields)
            {
                if (_written.Add(field.Spec.Key))
                {
                    WriteValue(StateKeyNames.Encode(field.Spec.Key), field);
                }
            }
        }

        private void WriteValue(JsonEncodedText key, in FieldValue? value)
        {
            switch (value)
            {
                // Whole numbers (registers, counts, most temperatures) print the same as a long, and faster.
                // (Not Math.Truncate: without SSE4.1, the native binary's baseline, that is a call into libm.)
                case { Number: { } number } when Math.Abs(number) < 1e15 && (long)number == number:
                    _json.WriteNumber(key, (long)number);
                    break;
                case { Number: { } number } when ShortDecimal.TryFormat(number, _number, out var length):
                    _json.WritePropertyName(key);
                    _json.WriteRawValue(_number.AsSpan(0, length), skipInputValidation: true);
                    break;
                case { Number: { } number } when double.IsFinite(number):
                    _json.WriteNumber(key, number);
                    break;
                case { Flag: { } flag }:
                    _json.WriteString(key, flag ? On : Off);
                    break;
                case { Text: { } text }:
                    _json.WriteString(key, text);
                    break;
                default:
                    _json.WriteNull(key);
                    break;
            }
        }

        /// <summary>Encoded to the second, so a run of readings within one second formats it once.</summary>
        private JsonEncodedText Timestamp(DateTimeOffset timestamp)
        {
            var utc = timestamp.UtcDateTime;
            var second = utc.Ticks / TimeSpan.TicksPerSecond;
            if (second != _timestampSecond)
            {
                Span<byte> text = stackalloc byte[24];
                utc.TryFormat(text, out var length, "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                _timestamp = JsonEncodedText.Encode(text[..length], DiscoveryPayloads.WriterOptions.Encoder);
                _timestampSecond = second;
            }

            return _timestamp;
        }
    }
}
