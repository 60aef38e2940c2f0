namespace Streams.Core;

/// <summary>
/// The result of one poll of one pack: success, or a failure with a category. The category is
/// what error reporting compares (exception type + message head, as the seed does), so that
/// "timeout after 1.5 s" and "timeout after 1.6 s" are one ongoing problem, not two.
/// </summary>
internal sealed record PollOutcome
{
    private PollOutcome(string? category, string? detail)
    {
        Category = category;
        Detail = detail;
    }

    public static PollOutcome Success { get; } = new(null, null);

    /// <summary>Null on success.</summary>
    public string? Category { get; }

    /// <summary>The full failure message, for the log line; null on success.</summary>
    public string? Detail { get; }

    public bool Succeeded => Category is null;

    public static PollOutcome Failure(string category, string detail)
    {
        ArgumentException.ThrowIfNullOrEmpty(category);
        return new PollOutcome(category, detail);
    }

    /// <summary>Category = exception type name + the message up to its first colon.</summary>
    public static PollOutcome FromException(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var message = error.Message;
        var colon = message.IndexOf(':');
        var head = (colon >= 0 ? message[..colon] : message).Trim();
        return new PollOutcome($"{error.GetType().Name}:{head}", message);
    }

    public override string ToString() => Succeeded ? "ok" : $"{Category} ({Detail})";
}
