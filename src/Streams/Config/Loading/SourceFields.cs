namespace Streams.Config.Loading;

/// <summary>The keys several source kinds share, with one default and range each.</summary>
internal static class SourceFields
{
    public static TimeSpan Timeout(this MappingReader map, TimeSpan fallback) =>
        map.Duration("timeout", fallback, Limits.MinTimeout, Limits.MaxTimeout);

    public static TimeSpan PollInterval(this MappingReader map) =>
        map.Duration("poll_interval", Limits.DefaultPollInterval, Limits.MinPollInterval, Limits.MaxPollInterval);

    public static TimeSpan InterFrameGap(this MappingReader map) =>
        map.Duration("inter_frame_gap", Limits.DefaultInterFrameGap, TimeSpan.Zero, Limits.MaxInterFrameGap);

    public static int CellCount(this MappingReader map) =>
        map.Integer("cell_count", Limits.DefaultCellCount, Limits.MinCellCount, Limits.MaxCellCount);

    /// <summary>39 (the default) or 47 registers per EG4-LL status poll.</summary>
    public static int RegisterCount(this MappingReader map) =>
        map.OneOf("register_count", Limits.DefaultRegisterCount, Model.Eg4ModbusSourceConfig.SupportedRegisterCounts);
}
