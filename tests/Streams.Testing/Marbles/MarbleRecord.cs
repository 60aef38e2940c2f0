namespace Streams.Testing.Marbles;

/// <summary>One notification at an exact virtual time, with its value rendered as text.</summary>
/// <param name="Ticks">Clock ticks (frame × frame ticks when on a frame).</param>
/// <param name="Kind">Value, completion or error.</param>
/// <param name="Value">The value's text for <see cref="MarbleEventKind.Next"/>.</param>
/// <param name="Error">The error for <see cref="MarbleEventKind.Error"/>.</param>
public sealed record MarbleRecord(long Ticks, MarbleEventKind Kind, string? Value, MarbleError? Error)
{
    /// <summary>"next 'x'", "complete" or "error Type: message".</summary>
    public string Describe() => Kind switch
    {
        MarbleEventKind.Next => Value is null ? "next null" : $"next '{Value}'",
        MarbleEventKind.Completed => "complete",
        _ => $"error {Error}",
    };
}
