namespace Streams.Core;

/// <summary>
/// Collects the fields of one reading. Numbers are rounded to 6 decimals to drop float noise
/// (53.120000000000005 → 53.12), −0 becomes 0, and non-finite numbers are left out: Home
/// Assistant rejects NaN. A reading with problem bits also gets their <see cref="ProblemSummary"/>.
/// </summary>
internal sealed class FieldListBuilder(int capacity)
{
    private const int NoiseDigits = 6;

    // Room for the problem summary Build adds, so a full list is not regrown (doubled) at the end.
    private readonly List<FieldValue> _fields = new(capacity + ProblemSummary.FieldCount);

    public FieldListBuilder Add(FieldSpec spec, double value)
    {
        if (double.IsFinite(value))
        {
            var rounded = Math.Round(value, NoiseDigits);
            _fields.Add(FieldValue.Of(spec, rounded == 0 ? 0.0 : rounded));
        }

        return this;
    }

    /// <summary>A whole number: nothing to round (the same field <see cref="Add(FieldSpec, double)"/> makes of it).</summary>
    public FieldListBuilder Add(FieldSpec spec, int value)
    {
        _fields.Add(FieldValue.Of(spec, value));
        return this;
    }

    public FieldListBuilder Add(FieldSpec spec, bool value)
    {
        _fields.Add(FieldValue.Of(spec, value));
        return this;
    }

    public FieldListBuilder Add(FieldSpec spec, string value)
    {
        _fields.Add(FieldValue.Of(spec, value));
        return this;
    }

    /// <summary>A field already built (and already cleaned), e.g. of another reading.</summary>
    public FieldListBuilder Add(FieldValue field)
    {
        _fields.Add(field);
        return this;
    }

    /// <summary>Cell voltages in V and their statistics.</summary>
    public FieldListBuilder AddCells(IReadOnlyList<ushort> millivolts)
    {
        var cells = ListSpans.Of(millivolts);
        var specs = ListSpans.Of(CommonFields.Cells);
        var count = Math.Min(cells.Length, specs.Length);
        for (var i = 0; i < count; i++)
        {
            Add(specs[i], cells[i] / 1000.0);
        }

        if (CellStatistics.Compute(cells) is { } stats)
        {
            Add(CommonFields.CellVoltageMin, stats.MinMillivolts / 1000.0);
            Add(CommonFields.CellVoltageMax, stats.MaxMillivolts / 1000.0);
            Add(CommonFields.CellVoltageAverage, Math.Round(stats.AverageMillivolts, 1) / 1000.0);
            Add(CommonFields.CellVoltageDelta, stats.DeltaMillivolts);
            Add(CommonFields.LowestCell, stats.LowestCell);
            Add(CommonFields.HighestCell, stats.HighestCell);
        }

        return this;
    }

    /// <summary>One balancing flag per cell of <paramref name="cellCount"/> (at most 32), bit 0 of <paramref name="bits"/> = cell 1.</summary>
    public FieldListBuilder AddCellBalancing(uint bits, int cellCount)
    {
        for (var i = 0; i < Math.Min(cellCount, CommonFields.CellBalancing.Count); i++)
        {
            Add(CommonFields.CellBalancing[i], (bits & (1u << i)) != 0);
        }

        return this;
    }

    /// <summary>One on/off field per named bit.</summary>
    public FieldListBuilder AddBits(uint word, IReadOnlyList<BitField> bits)
    {
        foreach (var bit in ListSpans.Of(bits))
        {
            Add(bit.Spec, (word & bit.Mask) != 0);
        }

        return this;
    }

    /// <summary>Pack voltage, current and their product.</summary>
    public FieldListBuilder AddPower(double voltage, double current) =>
        Add(CommonFields.PackVoltage, voltage)
            .Add(CommonFields.Current, current)
            .Add(CommonFields.Power, Math.Round(voltage * current, 2));

    /// <summary>The fields added, then the problem summary when they hold problem bits and none yet.</summary>
    public IReadOnlyList<FieldValue> Build()
    {
        ProblemSummary.AddTo(_fields);
        return _fields;
    }
}
