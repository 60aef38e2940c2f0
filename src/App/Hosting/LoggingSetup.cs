using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;
using Streams.Config.Model;

namespace Streams.App.Hosting;

/// <summary>
/// Console logging on stderr (stdout carries the console sink's output), plus the optional file
/// from <c>logging.file</c>, rolled daily and by size so months of running stay bounded.
/// </summary>
/// <remarks>
/// On the console an error's exception is its message on the same line, never a stack trace
/// (that is for <c>--trace</c> and for the file, which go to a bug report). Under systemd
/// (stderr is the journal: <c>JOURNAL_STREAM</c> set, stderr not a terminal) the line has no
/// timestamp of its own, since journald stamps every line.
/// </remarks>
internal static class LoggingSetup
{
    private const string Stamp = "{Timestamp:yyyy-MM-dd HH:mm:ss} ";
    private const string Line = "{Level:u3} {Message:lj}";
    private const string FileTemplate = Stamp + Line + "{NewLine}{Exception}";

    /// <param name="tail">When the live table owns the terminal, the console lines go here instead of stderr.</param>
    public static Logger Create(LoggingConfig config, bool trace, LogTail? tail = null) =>
        Configure(config, trace, tail).CreateLogger();

    /// <summary>The console line's template: with or without its own timestamp, with the exception's stack trace only for <c>--trace</c>.</summary>
    public static string ConsoleTemplate(bool trace, bool journal) =>
        (journal ? "" : Stamp) + Line + (trace ? "{NewLine}{Exception}" : ExceptionReason.Placeholder + "{NewLine}");

    /// <summary>True when stderr is systemd's journal, which stamps every line itself.</summary>
    public static bool ToJournal => Console.IsErrorRedirected && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("JOURNAL_STREAM"));

    /// <summary>The formatter of a console line, for the live table's log tail.</summary>
    public static MessageTemplateTextFormatter ConsoleFormatter(bool trace) =>
        new(ConsoleTemplate(trace, journal: false), System.Globalization.CultureInfo.InvariantCulture);

    private static LoggerConfiguration Configure(LoggingConfig config, bool trace, LogTail? tail)
    {
        var consoleLevel = trace ? LogEventLevel.Debug : config.Level;
        var fileLevel = trace ? LogEventLevel.Debug : config.FileLevel;
        var minimum = config.File is null ? consoleLevel : (LogEventLevel)Math.Min((int)consoleLevel, (int)fileLevel);

        var logger = new LoggerConfiguration()
            .MinimumLevel.Is(minimum)
            .Enrich.With<ExceptionReason>();
        logger = tail is null
            ? logger.WriteTo.Console(
                restrictedToMinimumLevel: consoleLevel,
                outputTemplate: ConsoleTemplate(trace, ToJournal),
                standardErrorFromLevel: LogEventLevel.Verbose,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            : logger.WriteTo.Sink(tail, consoleLevel);

        if (config.File is { } path)
        {
            logger = logger.WriteTo.File(
                path,
                restrictedToMinimumLevel: fileLevel,
                outputTemplate: FileTemplate,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture,
                rollingInterval: RollingInterval.Day,
                fileSizeLimitBytes: 10 * 1024 * 1024,
                rollOnFileSizeLimit: true,
                retainedFileCountLimit: 14,
                hooks: new CurrentLogLink(path));
        }

        return logger;
    }

    /// <summary>Before the configuration is read: information on stderr, debug with --trace.</summary>
    public static Logger Bootstrap(bool trace) => Create(LoggingConfig.Default, trace);

    /// <summary>
    /// Adds <c>{ExceptionText}</c>: ": the exception's message" on an event that has one and does not say
    /// it already, nothing otherwise.
    /// </summary>
    private sealed class ExceptionReason : ILogEventEnricher
    {
        public const string Placeholder = "{ExceptionText:l}";

        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
        {
            var message = logEvent.Exception is { } e ? OneLine(e.GetBaseException().Message) : "";
            var said = message.Length == 0 || logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture).Contains(message, StringComparison.Ordinal);
            logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("ExceptionText", said ? "" : ": " + message));
        }

        private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
    }
}
