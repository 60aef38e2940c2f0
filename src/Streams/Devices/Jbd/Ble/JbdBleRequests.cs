using Streams.Polling;

namespace Streams.Devices.Jbd.Ble;

/// <summary>The BLE-only request of the JBD poller and how it recognises its reply.</summary>
internal static class JbdBleRequests
{
    /// <summary>One <c>FF AA</c> handshake step, answered by a frame with the same command.</summary>
    public static PollRequest<JbdAuthFrame> Handshake(byte[] request, string address) =>
        new(
            request,
            frame => frame.Command == request[2] ? ReplyMatch.Reply : ReplyMatch.Foreign,
            $"BLE password handshake step 0x{request[2]:X2} with {address}");
}
