using Serilog.Events;

namespace Streams.Config.Model;

/// <summary>Where and how much to log.</summary>
/// <param name="Level">Minimum level on the console; default information.</param>
/// <param name="File">Log file (absolute path), or null for console only.</param>
/// <param name="FileLevel">Minimum level in the file; default the console level.</param>
public sealed record LoggingConfig(LogEventLevel Level, string? File, LogEventLevel FileLevel)
{
    /// <summary>Information on the console, no file.</summary>
    public static LoggingConfig Default { get; } = new(LogEventLevel.Information, null, LogEventLevel.Information);
}
