namespace Streams.Testing.Marbles;

/// <summary>A marble diagram or .marble file that does not follow the grammar.</summary>
public sealed class MarbleFormatException : FormatException
{
    /// <summary>Creates the exception; <paramref name="position"/> is the 0-based index in the diagram text.</summary>
    public MarbleFormatException(string message, int? position = null)
        : base(message) => Position = position;

    /// <summary>Wraps a lower-level grammar error with file and line context.</summary>
    public MarbleFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>0-based index of the offending character in the diagram text, when known.</summary>
    public int? Position { get; }
}
