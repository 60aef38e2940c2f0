using Streams.Core;
using Streams.Transports.Serial;

namespace Streams.Polling.Bus;

/// <summary>Turns what went wrong in one poll into its outcome, one category per kind of problem.</summary>
internal static class PollFailures
{
    public static PollOutcome FromException(Exception error, string port) => error switch
    {
        PortDisconnectedException => Disconnected(port, error.Message),
        SerialDisconnectedException or EndOfStreamException or ObjectDisposedException =>
            Disconnected(port, $"port {port} disconnected: {error.Message}"),
        _ => PollOutcome.FromException(error),
    };

    /// <summary>Whether <paramref name="error"/> means the port is gone, not just that one exchange failed.</summary>
    public static bool IsLinkLoss(Exception error) =>
        error is PortDisconnectedException or SerialDisconnectedException or EndOfStreamException or ObjectDisposedException;

    public static PollOutcome FromDecodeError(DecodeError error) =>
        PollOutcome.Failure(error.Kind.ToString(), error.Message);

    private static PollOutcome Disconnected(string port, string detail) =>
        PollOutcome.Failure($"PortDisconnected:{port}", detail);
}
