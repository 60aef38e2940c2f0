using System.Runtime.CompilerServices;
using System.Text.Json;
using Streams.Core;
using Streams.HomeAssistant.Discovery;

namespace Streams.HomeAssistant;

/// <summary>
/// The JSON property names of an announced field list, escaped and UTF-8 encoded once instead of
/// once per state document (a device's state carries ~120 of them, ~100 000 times a second in a
/// replay). Kept per list instance, weakly (a list that is dropped takes its names with it); a
/// name is re-encoded when the spec at its index is not the one it was encoded from, so a list that
/// grows (a new field appears) or changes is never written with stale names.
/// </summary>
internal sealed class StateKeyNames
{
    private readonly ConditionalWeakTable<IReadOnlyList<FieldSpec>, Names> _byList = [];

    /// <summary>The encoded names of <paramref name="announced"/>, brought up to date with it.</summary>
    public Names For(IReadOnlyList<FieldSpec> announced)
    {
        var names = _byList.GetValue(announced, _ => new Names());
        names.Update(announced);
        return names;
    }

    private static byte[] Prefix(JsonEncodedText name) => [(byte)',', (byte)'"', .. name.EncodedUtf8Bytes, (byte)'"', (byte)':'];

    /// <summary>One name, encoded as the state writer's options would write it.</summary>
    public static JsonEncodedText Encode(string key) => JsonEncodedText.Encode(key, DiscoveryPayloads.WriterOptions.Encoder);

    internal sealed class Names
    {
        private readonly List<FieldSpec> _specs = [];
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

        /// <summary>Index for index with the list.</summary>
        public List<JsonEncodedText> Encoded { get; } = [];

        /// <summary>Index for index with the list: <c>,"key":</c> in UTF-8, what a document writes before the value.</summary>
        public List<byte[]> Prefixes { get; } = [];

        /// <summary>The bytes of all <see cref="Prefixes"/>.</summary>
        public int PrefixLength { get; private set; }

        /// <summary>No key appears twice in the list.</summary>
        public bool Distinct { get; private set; } = true;

        /// <summary>Per index, the last text value encoded there and its encoding.</summary>
        private (string? Text, JsonEncodedText Encoded)[] _texts = [];

        /// <summary><paramref name="text"/> encoded as a JSON string value, reused while the same string comes back at <paramref name="index"/>.</summary>
        public JsonEncodedText EncodedText(int index, string text)
        {
            if (index >= _texts.Length)
            {
                Array.Resize(ref _texts, Math.Max(index + 1, _specs.Count));
            }

            ref var slot = ref _texts[index];
            if (!ReferenceEquals(slot.Text, text))
            {
                slot = (text, Encode(text));
            }

            return slot.Encoded;
        }

        public void Update(IReadOnlyList<FieldSpec> announced)
        {
            var changed = _specs.Count != announced.Count;
            if (_specs.Count > announced.Count)
            {
                _specs.RemoveRange(announced.Count, _specs.Count - announced.Count);
                Encoded.RemoveRange(announced.Count, Encoded.Count - announced.Count);
                Prefixes.RemoveRange(announced.Count, Prefixes.Count - announced.Count);
            }

            var specs = ListSpans.Of(announced);
            for (var i = 0; i < specs.Length; i++)
            {
                var spec = specs[i];
                if (i == _specs.Count)
                {
                    _specs.Add(spec);
                    Encoded.Add(Encode(spec.Key));
                    Prefixes.Add(Prefix(Encoded[i]));
                }
                else if (!ReferenceEquals(_specs[i], spec))
                {
                    _specs[i] = spec;
                    Encoded[i] = Encode(spec.Key);
                    Prefixes[i] = Prefix(Encoded[i]);
                    changed = true;
                }
            }

            if (changed)
            {
                PrefixLength = Prefixes.Sum(prefix => prefix.Length);
                _keys.Clear();
                Distinct = _specs.TrueForAll(spec => _keys.Add(spec.Key));
            }
        }
    }
}
