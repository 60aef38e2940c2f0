namespace Streams.Sinks;

/// <summary>A text writer that also takes text already encoded as UTF-8, without decoding it.</summary>
public interface IUtf8Writer
{
    /// <summary>Writes <paramref name="utf8"/> after what was written before, as the text it encodes.</summary>
    void WriteUtf8(ReadOnlySpan<byte> utf8);
}
