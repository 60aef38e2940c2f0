namespace Streams.Core;

/// <summary>
/// A decode failure as a value: a kind to branch on and a one-line message for logs and the CLI.
/// The message head (up to the first colon) is stable for one kind of problem so that error
/// reporting can group repeated failures.
/// </summary>
public sealed record DecodeError(DecodeErrorKind Kind, string Message)
{
    public override string ToString() => Message;
}
