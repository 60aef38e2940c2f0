namespace Streams.Derived;

/// <summary>Where meters keep their totals across restarts, one entry per meter (a pack or a bank, by device name).</summary>
internal interface IMeterStore
{
    /// <summary>The stored totals of <paramref name="meter"/>; zero when there are none or they cannot be believed (the store logs which).</summary>
    MeterTotals Load(string meter);

    /// <summary>Writes the totals of <paramref name="meter"/>; false when they could not be written (the store logs it), so the caller keeps them for the next try.</summary>
    bool Save(string meter, MeterTotals totals, DateTimeOffset at);
}
