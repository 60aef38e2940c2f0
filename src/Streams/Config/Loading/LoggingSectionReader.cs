using Serilog.Events;
using Streams.Config.Model;

namespace Streams.Config.Loading;

/// <summary>Reads <c>logging:</c>.</summary>
internal static class LoggingSectionReader
{
    private static readonly KeyValuePair<string, LogEventLevel>[] Levels =
    [
        new("trace", LogEventLevel.Verbose),
        new("verbose", LogEventLevel.Verbose),
        new("debug", LogEventLevel.Debug),
        new("info", LogEventLevel.Information),
        new("information", LogEventLevel.Information),
        new("warning", LogEventLevel.Warning),
        new("warn", LogEventLevel.Warning),
        new("error", LogEventLevel.Error),
        new("fatal", LogEventLevel.Fatal),
    ];

    public static LoggingConfig Read(MappingReader? map)
    {
        if (map is null)
        {
            return LoggingConfig.Default;
        }

        var level = map.Choice("level", LoggingConfig.Default.Level, Levels);
        var config = new LoggingConfig(
            Level: level,
            File: map.FilePath("file"),
            FileLevel: map.Choice("file_level", level, Levels));
        if (map.Find("file_level") is not null && config.File is null)
        {
            map.Warning("file_level", "has no effect without 'file'");
        }

        map.ReportUnknownKeys();
        return config;
    }
}
