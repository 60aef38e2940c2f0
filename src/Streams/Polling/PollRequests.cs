using Streams.Devices.Eg4Legacy;
using Streams.Devices.Jbd;

namespace Streams.Polling;

/// <summary>The requests the pollers send and how each recognises its reply.</summary>
internal static class PollRequests
{
    /// <summary>"7E": a reply from the address to the same command.</summary>
    public static PollRequest<Eg4LegacyFrame> Eg4Legacy(byte address, Eg4LegacyCommand command, string port)
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

    /// <summary>JBD: a response echoing the register (its status decides success later).</summary>
    public static PollRequest<JbdFrame> JbdRead(byte register, string port)
    {
        var bytes = JbdCommands.Read(register);
        return new PollRequest<JbdFrame>(
            bytes,
            frame => frame.Kind switch
            {
                JbdFrameKind.Response when frame.Register == register => ReplyMatch.Reply,
                JbdFrameKind.ReadRequest when frame.Bytes.Span.SequenceEqual(bytes) => ReplyMatch.Echo,
                _ => ReplyMatch.Foreign,
            },
            $"read of register 0x{register:X2} on {port}");
    }
}
