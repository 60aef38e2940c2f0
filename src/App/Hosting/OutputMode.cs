namespace Streams.App.Hosting;

/// <summary><c>--output</c>: what standard output shows.</summary>
internal enum OutputMode
{
    /// <summary>A live table per pack, refreshed in place, with the latest log lines below it.</summary>
    Table,

    /// <summary>One <c>topic payload</c> line per message (when no broker is configured).</summary>
    Lines,

    /// <summary>One JSON object per message (when no broker is configured).</summary>
    Json,
}
