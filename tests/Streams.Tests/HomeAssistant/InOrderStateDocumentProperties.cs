using System.Buffers;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Streams.Core;
using Streams.HomeAssistant;
using Streams.HomeAssistant.Discovery;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.HomeAssistant;

/// <summary>
/// The state document written as bytes is the document <see cref="Utf8JsonWriter"/> writes for the
/// same fields: names and texts escaped alike, numbers alike (or left to the writer), nulls for the
/// announced keys a reading lacks.
/// </summary>
public sealed class InOrderStateDocumentProperties
{
    private static readonly string[] Keys = ["pack_voltage", "cell_01_voltage", "say \"hi\"", "back\\slash", "tab\there", "ünïcode", "<b>&amp;</b>", "\u0001ctl", "emoji_😀", "status"];

    private static readonly Gen<double> Number = Gen.OneOf(
        Gen.Choose(-2_000_000_000, 2_000_000_000).Select(raw => (double)raw),
        from raw in Gen.Choose(-2_000_000, 2_000_000) from decimals in Gen.Choose(1, 6) select Math.Round(raw / Math.Pow(10, decimals), 6),
        from bits in Gen.Choose(int.MinValue, int.MaxValue).Two() select BitConverter.Int64BitsToDouble(((long)bits.Item1 << 32) | (uint)bits.Item2),
        Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e15, -1e15 + 1, 0.1 + 0.2, 1.0 / 3));

    // The long one (5 KB) is longer than the buffer a document is written into at first: it must grow mid-document.
    private static readonly Gen<string> Text = Gen.Elements("", "normal", "a \"quoted\" word", "line\nbreak", "ünï", "<>&'", "\u0007bell", "😀", "none", new string('ü', 2500) + "\"end\"");

    /// <summary>A field of one of the four kinds, or one that holds nothing.</summary>
    private static Gen<Func<FieldSpec, FieldValue>> AnyValue { get; } = Gen.OneOf(
        Number.Select(n => (Func<FieldSpec, FieldValue>)(spec => FieldValue.Of(spec, n))),
        Gen.Elements(true, false).Select(f => (Func<FieldSpec, FieldValue>)(spec => FieldValue.Of(spec, f))),
        Text.Select(t => (Func<FieldSpec, FieldValue>)(spec => FieldValue.Of(spec, t))),
        Gen.Constant((Func<FieldSpec, FieldValue>)(spec => new FieldValue(spec, null, null, null))));

    [Fact]
    public void A_reading_of_the_announced_fields_in_order_is_written_as_the_json_writer_writes_it()
    {
        var documents =
            from keyCount in Gen.Choose(0, Keys.Length)
            from keys in Gen.Shuffle(Keys)
            from carried in Gen.Choose(0, keyCount)
            from values in AnyValue.ArrayOf(carried)
            from seconds in Gen.Choose(0, int.MaxValue)
            select (Keys: keys.Take(keyCount).ToArray(), Values: values, At: DateTimeOffset.UnixEpoch.AddSeconds(seconds));

        Check.One(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(3000), Prop.ForAll(documents.ToArb(), document =>
        {
            var announced = document.Keys.Select(k => new FieldSpec(k, k)).ToArray();
            var fields = document.Values.Select((value, i) => value(announced[i])).ToList();
            var reading = new Reading(HaReadings.Eg4Device(), document.At, fields);

            var written = StatePayload.Build(reading, announced);

            return written == Expected(reading, announced);
        }));
    }

    [Fact]
    public void A_document_written_twice_with_other_texts_at_the_same_places_carries_the_new_texts()
    {
        var announced = new[] { new FieldSpec("status", "Status"), new FieldSpec("problems", "Problems") };
        string Write(string status, string problems) => StatePayload.Build(
            new Reading(HaReadings.Eg4Device(), HaReadings.Noon, [FieldValue.Of(announced[0], status), FieldValue.Of(announced[1], problems)]), announced);

        Write("charging", "none");
        var second = Write("idle", "Cell \"1\" low");

        Assert.Equal("""{"status":"idle","problems":"Cell \"1\" low","timestamp":"2026-01-02T12:00:00Z"}""", second);
    }

    /// <summary>The document as the general writer puts it, field by field.</summary>
    private static string Expected(Reading reading, IReadOnlyList<FieldSpec> announced)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, DiscoveryPayloads.WriterOptions))
        {
            json.WriteStartObject();
            for (var i = 0; i < announced.Count; i++)
            {
                var key = announced[i].Key;
                if (i >= reading.Fields.Count)
                {
                    json.WriteNull(key);
                    continue;
                }

                var field = reading.Fields[i];
                if (field.Number is { } n)
                {
                    if (Math.Abs(n) < 1e15 && (long)n == n)
                    {
                        json.WriteNumber(key, (long)n);
                    }
                    else if (double.IsFinite(n))
                    {
                        json.WriteNumber(key, n);
                    }
                    else
                    {
                        json.WriteNull(key);
                    }
                }
                else if (field.Flag is { } flag)
                {
                    json.WriteString(key, flag ? "ON" : "OFF");
                }
                else if (field.Text is { } text)
                {
                    json.WriteString(key, text);
                }
                else
                {
                    json.WriteNull(key);
                }
            }

            json.WriteString("timestamp", reading.Timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
