namespace Streams.Core;

/// <summary>Min, max, spread and average of a pack's cell voltages; cell numbers are 1-based, first one wins a tie.</summary>
internal readonly record struct CellStatistics(
    int MinMillivolts,
    int MaxMillivolts,
    int LowestCell,
    int HighestCell,
    double AverageMillivolts)
{
    public int DeltaMillivolts => MaxMillivolts - MinMillivolts;

    /// <summary>Null for an empty list.</summary>
    public static CellStatistics? Compute(ReadOnlySpan<ushort> millivolts)
    {
        if (millivolts.Length == 0)
        {
            return null;
        }

        int min = millivolts[0], max = millivolts[0], lowest = 0, highest = 0;
        long sum = 0;
        for (var i = 0; i < millivolts.Length; i++)
        {
            var value = millivolts[i];
            sum += value;
            if (value < min)
            {
                min = value;
                lowest = i;
            }

            if (value > max)
            {
                max = value;
                highest = i;
            }
        }

        return new CellStatistics(min, max, lowest + 1, highest + 1, (double)sum / millivolts.Length);
    }
}
