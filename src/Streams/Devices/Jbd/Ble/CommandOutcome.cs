namespace Streams.Devices.Jbd.Ble;

/// <summary>How a MOSFET command ended, and whether the state is read again after it.</summary>
internal sealed record CommandOutcome(CommandOutcome.Outcome Kind, string? Reason)
{
    public enum Outcome
    {
        /// <summary>The BMS acknowledged the command.</summary>
        Done,

        /// <summary>The BMS answered with an error status.</summary>
        Refused,

        /// <summary>No answer, or a read it needed failed; the link still works as far as anyone knows.</summary>
        Failed,

        /// <summary>The link dropped or could not be made.</summary>
        LinkFailed,
    }

    public static CommandOutcome Done { get; } = new(Outcome.Done, null);

    /// <summary>After a command, done or not, Home Assistant gets the real state; a failed link waits for the next poll.</summary>
    public bool ReadAgain => Kind != Outcome.LinkFailed;

    public static CommandOutcome Refused(string reason) => new(Outcome.Refused, reason);

    public static CommandOutcome Failed(string reason) => new(Outcome.Failed, reason);

    public static CommandOutcome LinkFailed(string reason) => new(Outcome.LinkFailed, reason);
}
