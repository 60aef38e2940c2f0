using System.Reactive.Linq;
using FluentAssertions;
using Streams.Derived;
using Streams.Core;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Derived;

public sealed class PackEstimatesTests
{
    private static Reading Estimated(Reading reading) =>
        Observed<Reading>.Of(Observable.Return(reading).WithEstimates(EstimateOptions.Default)).Items.Single();

    private static Reading Pack(string fields) => DerivedLiterals.Reading("p1 " + fields, DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_real_eg4_ll_pack_charging_at_1_2_A_is_full_in_150_minutes_and_stores_5_2_kWh()
    {
        // 97 of 100 Ah at +1.2 A: 3 Ah / 1.2 A = 2.5 h; 97 Ah × 53.66 V = 5205.02 Wh.
        var reading = Estimated(DerivedReadings.Eg4Ll());

        DerivedReadings.Number(reading, "time_to_full").Should().Be(150);
        DerivedReadings.Number(reading, "time_to_empty").Should().BeNull();
        DerivedReadings.Number(reading, "stored_energy").Should().Be(5.20502);
        reading.Fields.Take(reading.Fields.Count - 2).Should().Equal(DerivedReadings.Eg4Ll().Fields, "the pack's own fields come first, unchanged");
    }

    [Fact]
    public void Idle_real_packs_have_no_times_but_their_stored_energy()
    {
        var jbd = Estimated(DerivedReadings.Jbd());
        var legacy = Estimated(DerivedReadings.Eg4Legacy());

        DerivedReadings.Number(jbd, "time_to_full").Should().BeNull();
        DerivedReadings.Number(jbd, "time_to_empty").Should().BeNull();
        DerivedReadings.Number(jbd, "stored_energy").Should().Be(0.077688, "4.98 Ah × 15.6 V");
        DerivedReadings.Number(legacy, "stored_energy").Should().Be(4.70023, "88.6 % of 100 Ah × 53.05 V");
    }

    [Fact]
    public void Discharging_gives_time_to_empty_only()
    {
        var reading = Estimated(Pack("v=50 i=-20 rem=50 full=100"));

        DerivedReadings.Number(reading, "time_to_empty").Should().Be(150, "50 Ah at 20 A is 2.5 h");
        DerivedReadings.Number(reading, "time_to_full").Should().BeNull();
        DerivedReadings.Number(reading, "stored_energy").Should().Be(2.5);
    }

    [Theory]
    [InlineData("v=50 i=0.05 rem=50 full=100", "below the idle current")]
    [InlineData("v=50 i=-0.09 rem=50 full=100", "below the idle current")]
    [InlineData("v=50 i=10 rem=100 full=100", "charging though full")]
    [InlineData("v=50 i=10 full=100", "no remaining capacity and no SoC")]
    [InlineData("v=50 rem=50 full=100", "no current")]
    public void No_time_is_promised_without_a_flow_or_its_inputs(string fields, string why)
    {
        var reading = Estimated(Pack(fields));

        DerivedReadings.Number(reading, "time_to_full").Should().BeNull(why);
        DerivedReadings.Number(reading, "time_to_empty").Should().BeNull(why);
    }

    [Fact]
    public void Without_voltage_there_is_no_stored_energy()
    {
        DerivedReadings.Number(Estimated(Pack("i=-20 rem=50 full=100")), "stored_energy").Should().BeNull();
    }
}
