namespace Streams.Testing.Marbles;

/// <summary>The three notifications a marble can stand for.</summary>
public enum MarbleEventKind
{
    /// <summary>A value: any character that is not marble syntax.</summary>
    Next,

    /// <summary>'|'.</summary>
    Completed,

    /// <summary>'#'.</summary>
    Error,
}
