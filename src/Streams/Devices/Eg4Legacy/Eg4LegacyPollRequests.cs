using Streams.Polling;

namespace Streams.Devices.Eg4Legacy;

/// <summary>The "7E" requests a poller sends and how each recognises its reply.</summary>
internal static class Eg4LegacyPollRequests
{
    /// <summary>A reply from the address to the same command.</summary>
    public static PollRequest<Eg4LegacyFrame> Command(byte address, Eg4LegacyCommand command, string port)
    {
        var bytes = Eg4LegacyRequest.Build(address, command);
        return new PollRequest<Eg4LegacyFrame>(
            bytes,
            frame => frame.Kind switch
            {
                Eg4LegacyFrameKind.Reply when frame.Address == address && frame.Command == (byte)command => ReplyMatch.Reply,
                Eg4LegacyFrameKind.Request when frame.Bytes.Span.SequenceEqual(bytes) => ReplyMatch.Echo,
                _ => ReplyMatch.Foreign,
            },
            $"command 0x{(byte)command:X2} to 0x{address:X2} on {port}");
    }
}
