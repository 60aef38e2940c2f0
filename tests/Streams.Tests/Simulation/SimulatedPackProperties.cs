using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using Streams.Core;
using Streams.Simulation;
using Xunit;

namespace Streams.Tests.Simulation;

/// <summary>The drift model stays realistic for any seed, however long it runs, and is reproducible.</summary>
public class SimulatedPackProperties
{
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(60);

    private static Gen<(int Seed, int Cells, int[] Steps)> Runs_() =>
        from seed in Gen.Choose(int.MinValue, int.MaxValue)
        from cells in Gen.Choose(1, CommonFields.MaxCells)
        from steps in Gen.Choose(1, 600).ArrayOf(40)
        select (seed, cells, steps);

    [Fact]
    public void Every_value_stays_in_realistic_bounds_for_any_seed()
    {
        Check.One(Runs, Prop.ForAll(Runs_().ToArbitrary(), run =>
        {
            var pack = new SimulatedPack(run.Cells, run.Seed);
            foreach (var seconds in run.Steps)
            {
                pack.Advance(TimeSpan.FromSeconds(seconds));
                var cells = pack.CellMillivolts();

                cells.Should().HaveCount(run.Cells).And.OnlyContain(mv => mv >= 3270 && mv <= 3360);
                (cells.Max() - cells.Min()).Should().BeLessThanOrEqualTo(12, "cells of a healthy pack stay close");
                pack.Current.Should().BeInRange(-SimulatedPack.MaxCurrent, SimulatedPack.MaxCurrent);
                pack.StateOfCharge.Should().BeInRange(0, 100);
                pack.CellTemperature.Should().BeInRange(15, 35);
                pack.PcbTemperature.Should().BeInRange(15, 40);
                pack.SensorTemperatures().Should().OnlyContain(t => t >= 14 && t <= 36);
            }
        }));
    }

    [Fact]
    public void The_same_seed_and_steps_give_the_same_values()
    {
        Check.One(Runs, Prop.ForAll(Runs_().ToArbitrary(), run =>
        {
            var first = new SimulatedPack(run.Cells, run.Seed);
            var second = new SimulatedPack(run.Cells, run.Seed);
            foreach (var seconds in run.Steps)
            {
                first.Advance(TimeSpan.FromSeconds(seconds));
                second.Advance(TimeSpan.FromSeconds(seconds));
            }

            (second.Current, second.RemainingAh, second.Cycles, second.CellTemperature)
                .Should().Be((first.Current, first.RemainingAh, first.Cycles, first.CellTemperature));
            second.CellMillivolts().Should().Equal(first.CellMillivolts());
        }));
    }

    [Fact]
    public void The_state_of_charge_integrates_the_current()
    {
        Check.One(Runs, Prop.ForAll(Gen.Choose(int.MinValue, int.MaxValue).ToArbitrary(), seed =>
        {
            var pack = new SimulatedPack(16, seed);
            for (var step = 0; step < 3000; step++)
            {
                var before = pack.RemainingAh;
                pack.Advance(SimulatedPack.Step);
                var expected = Math.Clamp(before + (pack.Current / 3600), 0, SimulatedPack.CapacityAh);

                pack.RemainingAh.Should().BeApproximately(expected, 1e-9);
            }
        }));
    }

    [Fact]
    public void Over_a_day_the_current_both_charges_and_discharges_and_cycles_grow()
    {
        var pack = new SimulatedPack(16, seed: 7);
        var startCycles = pack.Cycles;
        var (charging, discharging) = (0, 0);
        for (var minute = 0; minute < 24 * 60 * 3; minute++)
        {
            pack.Advance(TimeSpan.FromMinutes(1));
            charging += pack.Current > 1 ? 1 : 0;
            discharging += pack.Current < -1 ? 1 : 0;
        }

        charging.Should().BeGreaterThan(60);
        discharging.Should().BeGreaterThan(60);
        pack.Cycles.Should().BeGreaterThan(startCycles);
    }

    [Fact]
    public void Disabled_mosfets_stop_charging_and_discharging()
    {
        var pack = new SimulatedPack(4, seed: 3) { ChargeEnabled = false };
        for (var step = 0; step < 2000; step++)
        {
            pack.Advance(SimulatedPack.Step);
            pack.Current.Should().BeLessThanOrEqualTo(0);
        }

        pack.ChargeEnabled = true;
        pack.DischargeEnabled = false;
        for (var step = 0; step < 2000; step++)
        {
            pack.Advance(SimulatedPack.Step);
            pack.Current.Should().BeGreaterThanOrEqualTo(0);
        }
    }

    [Fact]
    public void The_clock_advances_in_whole_steps_and_never_backwards()
    {
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var byClock = new SimulatedPack(8, seed: 11);
        var bySteps = new SimulatedPack(8, seed: 11);

        byClock.AdvanceTo(start);
        byClock.AdvanceTo(start + TimeSpan.FromSeconds(2.5));
        byClock.AdvanceTo(start + TimeSpan.FromSeconds(1));
        byClock.AdvanceTo(start + TimeSpan.FromSeconds(10.2));
        bySteps.Advance(TimeSpan.FromSeconds(10));

        byClock.RemainingAh.Should().Be(bySteps.RemainingAh);
        byClock.CellMillivolts().Should().Equal(bySteps.CellMillivolts());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public void A_cell_count_outside_1_to_32_is_refused(int cells)
    {
        var create = () => new SimulatedPack(cells, seed: 1);

        create.Should().Throw<ArgumentOutOfRangeException>();
    }
}
