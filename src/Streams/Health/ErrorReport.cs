namespace Streams.Health;

/// <summary>What error reporting says about one pack: a new problem, a reminder, or recovery.</summary>
internal abstract record ErrorReport
{
    private protected ErrorReport()
    {
    }
}

/// <summary>The first failure, or a failure whose category differs from the previous one.</summary>
/// <param name="Category">Exception type + message head; what "the same problem" means.</param>
/// <param name="Detail">The full message of the failure that started this category.</param>
/// <param name="FailedCycles">Consecutive failed cycles so far, this one included.</param>
internal sealed record Failing(string Category, string Detail, int FailedCycles) : ErrorReport;

/// <summary>The hourly reminder while the same category persists.</summary>
internal sealed record StillFailing(string Category, string Detail, int FailedCycles) : ErrorReport;

/// <summary>The first success after one or more failed cycles.</summary>
internal sealed record Recovered(int FailedCycles) : ErrorReport;
