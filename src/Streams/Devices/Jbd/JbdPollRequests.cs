using Streams.Polling;

namespace Streams.Devices.Jbd;

/// <summary>The JBD requests a poller sends and how each recognises its reply.</summary>
internal static class JbdPollRequests
{
    /// <summary>A response echoing the register (its status decides success later).</summary>
    /// <param name="register">What to read.</param>
    /// <param name="link">The port or BLE address, for messages.</param>
    public static PollRequest<JbdFrame> Read(byte register, string link)
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
            $"read of register 0x{register:X2} on {link}");
    }

    /// <summary><c>DD 5A E1 02 00 XX …</c>, answered by a 0xE1 response (status 0x00 = done).</summary>
    public static PollRequest<JbdFrame> SetMosfets(bool chargeOn, bool dischargeOn, string link) =>
        new(
            JbdCommands.SetMosfets(chargeOn, dischargeOn),
            frame => frame.Kind == JbdFrameKind.Response && frame.Register == JbdRegister.MosfetControl ? ReplyMatch.Reply : ReplyMatch.Foreign,
            $"MOSFET command (0xE1) to {link}");
}
