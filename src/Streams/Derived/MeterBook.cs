using Streams.Core;

namespace Streams.Derived;

/// <summary>
/// The meters of one subscription of <see cref="EnergyMeterExtensions.MeterEnergy"/>, by device
/// name, and the totals not yet saved. A pack gets a meter (loading its stored totals) at its first
/// reading with voltage and current; a device that never reports them (a raw sniffer) gets none
/// and no fields.
/// </summary>
internal sealed class MeterBook(IMeterStore store, MeterOptions options)
{
    private readonly Lock _gate = new();
    private readonly Lock _saving = new();
    private readonly Dictionary<string, EnergyMeter> _meters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MeterTotals> _unsaved = new(StringComparer.Ordinal);

    /// <summary>The reading with its meter's totals appended, after integrating it.</summary>
    public Reading Apply(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var name = reading.Device.Name;
        var sample = MeterSample.Of(reading, PackQuantities.Of(reading));
        MeterTotals totals;
        lock (_gate)
        {
            if (!_meters.TryGetValue(name, out var meter))
            {
                if (sample is null)
                {
                    return reading;
                }

                meter = EnergyMeter.From(store.Load(name));
            }

            var next = meter.Advance(sample, options.GapLimitOf(name));
            _meters[name] = next;
            if (next.Totals != meter.Totals)
            {
                _unsaved[name] = next.Totals;
            }

            totals = next.Totals;
        }

        return reading with { Fields = WithTotals(reading.Fields, totals) };
    }

    /// <summary>Writes every total changed since the last save; one that fails stays for the next save.</summary>
    public void Save(DateTimeOffset at)
    {
        // One save at a time, so an older batch can never land on disk after a newer one.
        lock (_saving)
        {
            KeyValuePair<string, MeterTotals>[] batch;
            lock (_gate)
            {
                batch = [.. _unsaved];
                _unsaved.Clear();
            }

            foreach (var (meter, totals) in batch)
            {
                if (!store.Save(meter, totals, at))
                {
                    lock (_gate)
                    {
                        // A newer total that arrived meanwhile wins.
                        _unsaved.TryAdd(meter, totals);
                    }
                }
            }
        }
    }

    private static IReadOnlyList<FieldValue> WithTotals(IReadOnlyList<FieldValue> fields, MeterTotals totals)
    {
        return DerivedFieldList.Extending(fields, EnergyMeterFields.All.Count)
            .Add(EnergyMeterFields.EnergyCharged, totals.EnergyChargedKwh)
            .Add(EnergyMeterFields.EnergyDischarged, totals.EnergyDischargedKwh)
            .Add(EnergyMeterFields.AmpHoursCharged, totals.AmpHoursCharged)
            .Add(EnergyMeterFields.AmpHoursDischarged, totals.AmpHoursDischarged)
            .Build();
    }
}
