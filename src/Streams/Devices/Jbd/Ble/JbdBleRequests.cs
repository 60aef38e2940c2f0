using Streams.Polling;

namespace Streams.Devices.Jbd.Ble;

/// <summary>The BLE-only requests of the JBD poller and how each recognises its reply.</summary>
internal static class JbdBleRequests
{
    /// <summary><c>DD 5A E1 02 00 XX …</c>, answered by a 0xE1 response (status 0x00 = done).</summary>
    public static PollRequest<JbdFrame> SetMosfets(bool chargeOn, bool dischargeOn, string address) =>
        new(
            JbdCommands.SetMosfets(chargeOn, dischargeOn),
            frame => frame.Kind == JbdFrameKind.Response && frame.Register == JbdRegister.MosfetControl ? ReplyMatch.Reply : ReplyMatch.Foreign,
            $"MOSFET command (0xE1) to {address}");

    /// <summary>One <c>FF AA</c> handshake step, answered by a frame with the same command.</summary>
    public static PollRequest<JbdAuthFrame> Handshake(byte[] request, string address) =>
        new(
            request,
            frame => frame.Command == request[2] ? ReplyMatch.Reply : ReplyMatch.Foreign,
            $"BLE password handshake step 0x{request[2]:X2} with {address}");
}
