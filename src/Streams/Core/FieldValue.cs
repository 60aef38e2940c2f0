namespace Streams.Core;

/// <summary>One field of a reading: its catalogue entry and its value (a number, a flag or text).</summary>
internal readonly record struct FieldValue(FieldSpec Spec, double? Number, bool? Flag, string? Text)
{
    public static FieldValue Of(FieldSpec spec, double value) => new(spec, value, null, null);

    public static FieldValue Of(FieldSpec spec, bool value) => new(spec, null, value, null);

    public static FieldValue Of(FieldSpec spec, string value) => new(spec, null, null, value);
}
