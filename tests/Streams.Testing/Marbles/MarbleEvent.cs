namespace Streams.Testing.Marbles;

/// <summary>One marble of a parsed diagram: <paramref name="Key"/> happens at <paramref name="Frame"/>.</summary>
/// <param name="Frame">Frame relative to the diagram's frame 0 (its first character, or its '^').</param>
/// <param name="Kind">Value, completion or error.</param>
/// <param name="Key">The character in the diagram: a value key, '|' or '#'.</param>
public readonly record struct MarbleEvent(long Frame, MarbleEventKind Kind, char Key)
{
    /// <summary>A value marble.</summary>
    public static MarbleEvent Next(long frame, char key) => new(frame, MarbleEventKind.Next, key);

    /// <summary>A '|' marble.</summary>
    public static MarbleEvent Completed(long frame) => new(frame, MarbleEventKind.Completed, '|');

    /// <summary>A '#' marble.</summary>
    public static MarbleEvent Error(long frame) => new(frame, MarbleEventKind.Error, '#');

    /// <inheritdoc />
    public override string ToString() => $"{Key}@{Frame}";
}
