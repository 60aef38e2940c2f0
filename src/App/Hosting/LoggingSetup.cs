using Serilog;
using Serilog.Core;
using Serilog.Events;
using Streams.Config.Model;

namespace Streams.App.Hosting;

/// <summary>
/// Console logging on stderr (stdout carries the console sink's <c>topic payload</c> lines), plus
/// the optional file from <c>logging.file</c>, rolled daily and by size so months of running stay bounded.
/// </summary>
internal static class LoggingSetup
{
    private const string Template = "{Timestamp:yyyy-MM-dd HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}";

    public static Logger Create(LoggingConfig config, bool trace)
    {
        var consoleLevel = trace ? LogEventLevel.Debug : config.Level;
        var fileLevel = trace ? LogEventLevel.Debug : config.FileLevel;
        var minimum = config.File is null ? consoleLevel : (LogEventLevel)Math.Min((int)consoleLevel, (int)fileLevel);

        var logger = new LoggerConfiguration()
            .MinimumLevel.Is(minimum)
            .WriteTo.Console(
                restrictedToMinimumLevel: consoleLevel,
                outputTemplate: Template,
                standardErrorFromLevel: LogEventLevel.Verbose,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture);

        if (config.File is { } path)
        {
            logger = logger.WriteTo.File(
                path,
                restrictedToMinimumLevel: fileLevel,
                outputTemplate: Template,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture,
                rollingInterval: RollingInterval.Day,
                fileSizeLimitBytes: 10 * 1024 * 1024,
                rollOnFileSizeLimit: true,
                retainedFileCountLimit: 14);
        }

        return logger.CreateLogger();
    }

    /// <summary>Before the configuration is read: information on stderr, debug with --trace.</summary>
    public static Logger Bootstrap(bool trace) => Create(LoggingConfig.Default, trace);
}
