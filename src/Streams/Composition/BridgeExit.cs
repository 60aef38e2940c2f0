namespace Streams.Composition;

/// <summary>How a run of the bridge ended; the CLI maps it to an exit code.</summary>
public enum BridgeExit
{
    /// <summary>Ran to its end (a replay or dry run finished, or a stop was requested).</summary>
    Completed,

    /// <summary>A user mistake found at run time (e.g. a missing replay file); already logged as one line.</summary>
    UserError,

    /// <summary>A replay could not deliver what it decoded to the broker (unreachable, refused, no acknowledgement); already logged as one line.</summary>
    NotDelivered,
}
