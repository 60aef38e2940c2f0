using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Streams.Core;

namespace Streams.HomeAssistant;

/// <summary>
/// The usual state document written as bytes: the reading's fields are the announced ones, index for
/// index, so every property's <c>,"key":</c> is known beforehand and only the values are formatted.
/// </summary>
/// <remarks>
/// It writes what <see cref="Utf8JsonWriter"/> writes for the same values (minimised, names and texts
/// escaped by the state writer's encoder); InOrderStateDocumentProperties compare the two. A replay
/// writes a hundred thousand documents a second, and the general writer's checks and calls per
/// property were most of the publishing thread's time (bench/native-aot.md). A number neither whole
/// nor short (<see cref="ShortDecimal"/>) is left to the general writer: the caller starts again with it.
/// </remarks>
internal static class InOrderStateDocument
{
    /// <summary>Room for any value but a text: a long, a <see cref="ShortDecimal"/>, <c>"OFF"</c>, <c>null</c>.</summary>
    private const int MaxValueLength = 20;

    private static ReadOnlySpan<byte> TimestampKey => ",\"timestamp\":\""u8;

    /// <summary>
    /// The document in place of what <paramref name="destination"/> held, or false (and the buffer
    /// left for the caller to reset) when a number needs the general writer.
    /// </summary>
    /// <param name="fields">The reading's fields: the first of the announced list, in its order.</param>
    /// <param name="names">The announced list's names (at least as many as <paramref name="fields"/>); the rest are written null.</param>
    /// <param name="timestamp">The reading's time, encoded.</param>
    public static bool TryWrite(ReadOnlySpan<FieldValue> fields, StateKeyNames.Names names, JsonEncodedText timestamp, ArrayBufferWriter<byte> destination)
    {
        var prefixes = ListSpans.Of(names.Prefixes);
        var document = new Cursor(destination, names.PrefixLength + (prefixes.Length * MaxValueLength) + 64);
        document.Put("{"u8);
        for (var i = 0; i < prefixes.Length; i++)
        {
            // The first property has no comma before it.
            var prefix = i == 0 ? prefixes[i].AsSpan(1) : prefixes[i];
            if (i >= fields.Length)
            {
                document.Put(prefix, "null"u8);
            }
            else if (!TryPut(ref document, prefix, fields[i], names, i))
            {
                return false;
            }
        }

        document.Put(prefixes.Length == 0 ? TimestampKey[1..] : TimestampKey);
        document.Put(timestamp.EncodedUtf8Bytes, "\"}"u8);
        document.Done();
        return true;
    }

    private static bool TryPut(ref Cursor document, ReadOnlySpan<byte> prefix, in FieldValue field, StateKeyNames.Names names, int index)
    {
        if (field.Number is { } number)
        {
            var value = document.Room(prefix, MaxValueLength);
            int length;
            if (Math.Abs(number) < 1e15 && (long)number == number)
            {
                ((long)number).TryFormat(value, out length, default, CultureInfo.InvariantCulture);
            }
            else if (!ShortDecimal.TryFormat(number, value, out length))
            {
                if (double.IsFinite(number))
                {
                    return false;
                }

                "null"u8.CopyTo(value);
                length = 4;
            }

            document.Advance(length);
        }
        else if (field.Flag is { } flag)
        {
            document.Put(prefix, flag ? "\"ON\""u8 : "\"OFF\""u8);
        }
        else if (field.Text is { } text)
        {
            var encoded = names.EncodedText(index, text).EncodedUtf8Bytes;
            var value = document.Room(prefix, encoded.Length + 2);
            value[0] = (byte)'"';
            encoded.CopyTo(value[1..]);
            value[encoded.Length + 1] = (byte)'"';
            document.Advance(encoded.Length + 2);
        }
        else
        {
            document.Put(prefix, "null"u8);
        }

        return true;
    }

    /// <summary>Writes into one span of the buffer, asking it for more only when that runs out (a long text).</summary>
    private ref struct Cursor(ArrayBufferWriter<byte> buffer, int expected)
    {
        private Span<byte> _span = buffer.GetSpan(expected);
        private int _at;

        public void Put(ReadOnlySpan<byte> bytes) => Put(bytes, default);

        public void Put(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
        {
            var room = Room(first, second.Length);
            second.CopyTo(room);
            Advance(second.Length);
        }

        /// <summary>Writes <paramref name="prefix"/>, then gives at least <paramref name="length"/> bytes after it.</summary>
        public Span<byte> Room(ReadOnlySpan<byte> prefix, int length)
        {
            var needed = prefix.Length + length;
            if (_span.Length - _at < needed)
            {
                buffer.Advance(_at);
                _span = buffer.GetSpan(Math.Max(needed, 1024));
                _at = 0;
            }

            prefix.CopyTo(_span[_at..]);
            _at += prefix.Length;
            return _span[_at..];
        }

        public void Advance(int length) => _at += length;

        public readonly void Done() => buffer.Advance(_at);
    }
}
