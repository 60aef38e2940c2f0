namespace Streams.App;

/// <summary>The process exit codes, as documented in README's CLI reference.</summary>
internal static class ExitCodes
{
    /// <summary>Normal end, including Ctrl-C and SIGTERM.</summary>
    public const int Ok = 0;

    /// <summary>An unexpected fault; one line on stderr, the stack trace only at debug level.</summary>
    public const int Fault = 1;

    /// <summary>A user mistake: bad configuration, bad arguments, a missing input file.</summary>
    public const int UsageError = 2;

    /// <summary>A replay could not deliver what it decoded to the broker (unreachable, refused, unacknowledged); one line on stderr.</summary>
    public const int NotDelivered = 3;
}
