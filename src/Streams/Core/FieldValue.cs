namespace Streams.Core;

/// <summary>One field of a reading: its catalogue entry and its value (a number, a flag or text).</summary>
/// <remarks>
/// 24 bytes: the value's kind is told by what the payload reference holds (a marker for a number,
/// another for a flag, the text, or nothing for no value), not by three nullable fields (40 bytes).
/// A reading is ~140 of these, and a replay makes ~100 000 readings a second: the size is garbage
/// collection time.
/// </remarks>
internal readonly record struct FieldValue
{
    // default(FieldValue), what a lookup that found nothing gives, has no value: the payload is null.
    private static readonly object NumberMarker = new();
    private static readonly object FlagMarker = new();

    private readonly object? _payload;
    private readonly double _number;

    public FieldValue(FieldSpec spec, double? number, bool? flag, string? text)
    {
        Spec = spec;
        (_number, _payload) = (number, flag, text) switch
        {
            ({ } n, null, null) => (n, NumberMarker),
            (null, { } f, null) => (f ? 1.0 : 0.0, FlagMarker),
            (null, null, { } t) => (0.0, (object?)t),
            (null, null, null) => (0.0, null),
            _ => throw new ArgumentException("a field holds exactly one of a number, a flag and a text"),
        };
    }

    private FieldValue(FieldSpec spec, double number, object? payload) => (Spec, _number, _payload) = (spec, number, payload);

    public FieldSpec Spec { get; }

    public double? Number => ReferenceEquals(_payload, NumberMarker) ? _number : null;

    public bool? Flag => ReferenceEquals(_payload, FlagMarker) ? _number != 0 : null;

    public string? Text => _payload as string;

    public static FieldValue Of(FieldSpec spec, double value) => new(spec, value, NumberMarker);

    public static FieldValue Of(FieldSpec spec, bool value) => new(spec, value ? 1.0 : 0.0, FlagMarker);

    public static FieldValue Of(FieldSpec spec, string value) => new(spec, 0.0, value);
}
