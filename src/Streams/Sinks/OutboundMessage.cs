using System.Text;

namespace Streams.Sinks;

/// <summary>One message the bridge publishes: to the broker, or as a console line when there is none.</summary>
/// <remarks>
/// The payload is kept in the form it was made in: a state document is written as UTF-8 and goes
/// to the broker and to standard output as UTF-8, without being turned into a string and back (a
/// ~3 KB state per reading, a million of them in a replay). The other form is made on first use.
/// Two messages are equal when their topic, payload and retain flag are.
/// </remarks>
public sealed class OutboundMessage : IEquatable<OutboundMessage>
{
    private string? _text;
    private byte[]? _utf8;

    public OutboundMessage(string topic, string payload, bool retain)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(payload);
        Topic = topic;
        _text = payload;
        Retain = retain;
    }

    /// <param name="topic">The topic.</param>
    /// <param name="utf8Payload">The payload's UTF-8 bytes, owned by the message from now on.</param>
    /// <param name="retain">Whether the broker keeps it for later subscribers.</param>
    public OutboundMessage(string topic, byte[] utf8Payload, bool retain)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(utf8Payload);
        Topic = topic;
        _utf8 = utf8Payload;
        Retain = retain;
    }

    public string Topic { get; }

    public bool Retain { get; }

    /// <summary>The payload as text.</summary>
    public string Payload => _text ??= Encoding.UTF8.GetString(_utf8!);

    /// <summary>The payload as UTF-8, as it goes on the wire; not to be changed.</summary>
    public byte[] Utf8Payload => _utf8 ??= Encoding.UTF8.GetBytes(_text!);

    /// <summary>True when the payload was made as UTF-8 (and not yet turned into text).</summary>
    internal bool IsUtf8 => _text is null;

    public static bool operator ==(OutboundMessage? left, OutboundMessage? right) => Equals(left, right);

    public static bool operator !=(OutboundMessage? left, OutboundMessage? right) => !Equals(left, right);

    public bool Equals(OutboundMessage? other) =>
        other is not null && Topic == other.Topic && Retain == other.Retain
        && (_text is not null && other._text is not null ? _text == other._text : Utf8Payload.AsSpan().SequenceEqual(other.Utf8Payload));

    public override bool Equals(object? obj) => Equals(obj as OutboundMessage);

    public override int GetHashCode() => HashCode.Combine(Topic, Payload, Retain);

    public override string ToString() => $"{Topic} {Payload}";
}
