namespace Streams.Polling;

/// <summary>One request to write on a bus and how to recognise its reply among the frames heard.</summary>
/// <param name="Bytes">The whole request frame as written.</param>
/// <param name="Match">Classifies each frame heard while the request is outstanding.</param>
/// <param name="Description">What is asked, for messages, e.g. <c>status of pack 0x01 (fn 0x03 at 0, 39 registers)</c>.
/// Failure categories start with it, so keep it free of varying numbers.</param>
internal sealed record PollRequest<TFrame>(ReadOnlyMemory<byte> Bytes, Func<TFrame, ReplyMatch> Match, string Description)
    where TFrame : class
{
    public override string ToString() => Description;
}
