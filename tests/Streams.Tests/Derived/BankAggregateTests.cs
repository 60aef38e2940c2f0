using FluentAssertions;
using Streams.Derived;
using Streams.Core;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Modbus;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Derived;

public sealed class BankAggregateTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 2, 12, 0, 0, TimeSpan.Zero);

    private static BankOptions Options(params string[] packs) => new("bank", packs, TimeSpan.FromMinutes(1), EstimateOptions.Default);

    private static Reading Combine(params Reading[] packs)
    {
        var options = Options([.. packs.Select(p => p.Device.Name)]);
        return BankAggregate.Combine(BankDevice.For(options), options, [.. packs.Select(p => (p.Device.Name, p))], At)!;
    }

    private static Reading Pack(string literal) => DerivedLiterals.Reading(literal, At);

    [Fact]
    public void A_bank_of_a_real_eg4_ll_and_a_real_legacy_pack_is_one_48_V_battery()
    {
        // EG4-LL: 53.66 V, +1.2 A, 97 %, 97 of 100 Ah, cells 3.353–3.355 V.
        // Legacy: 53.05 V, 0 A, 88.6 %, 100 Ah full and no remaining (so 88.6 Ah), cells 3.315–3.316 V.
        var bank = Combine(DerivedReadings.Eg4Ll("ll"), DerivedReadings.Eg4Legacy("legacy"));

        bank.Device.Should().Be(new DeviceInfo("bank", "bank", "Streams", "Bank of 2 pack(s)"));
        bank.Timestamp.Should().Be(At);
        DerivedReadings.Number(bank, "state_of_charge").Should().BeApproximately(92.8, 1e-9, "equal full capacities weigh equally");
        DerivedReadings.Number(bank, "pack_voltage").Should().Be(53.355);
        DerivedReadings.Number(bank, "current").Should().Be(1.2);
        DerivedReadings.Number(bank, "power").Should().Be(64.39, "53.66 V × 1.2 A + 53.05 V × 0 A");
        DerivedReadings.Number(bank, "remaining_capacity").Should().Be(185.6);
        DerivedReadings.Number(bank, "full_capacity").Should().Be(200);
        DerivedReadings.Number(bank, "cell_voltage_min").Should().Be(3.315);
        DerivedReadings.Text(bank, "cell_voltage_min_pack").Should().Be("legacy");
        DerivedReadings.Number(bank, "cell_voltage_max").Should().Be(3.355);
        DerivedReadings.Text(bank, "cell_voltage_max_pack").Should().Be("ll");
        DerivedReadings.Number(bank, "cell_voltage_delta").Should().Be(40);
        DerivedReadings.Number(bank, "packs_online").Should().Be(2);
        DerivedReadings.Number(bank, "packs_configured").Should().Be(2);
        DerivedReadings.Number(bank, "time_to_full").Should().Be(720, "14.4 Ah to go at 1.2 A");
        DerivedReadings.Number(bank, "time_to_empty").Should().BeNull();
        DerivedReadings.Number(bank, "stored_energy").Should().BeApproximately(9.902688, 1e-9, "185.6 Ah × 53.355 V");
    }

    [Fact]
    public void A_real_jbd_counts_with_its_nominal_capacity_as_its_full_capacity()
    {
        var bank = Combine(DerivedReadings.Jbd("a"), DerivedReadings.Jbd("b"));

        DerivedReadings.Number(bank, "full_capacity").Should().Be(10);
        DerivedReadings.Number(bank, "remaining_capacity").Should().Be(9.96);
        DerivedReadings.Number(bank, "state_of_charge").Should().Be(100);
    }

    [Fact]
    public void State_of_charge_is_weighted_by_full_capacity()
    {
        var bank = Combine(Pack("p1 soc=60 full=100"), Pack("p2 soc=40 full=300"));

        DerivedReadings.Number(bank, "state_of_charge").Should().Be(45);
    }

    [Fact]
    public void Without_every_full_capacity_the_weights_are_equal()
    {
        DerivedReadings.Number(Combine(Pack("p1 soc=60 full=100"), Pack("p2 soc=40")), "state_of_charge").Should().Be(50);
        DerivedReadings.Number(Combine(Pack("p1 soc=60 full=0"), Pack("p2 soc=40 full=300")), "state_of_charge").Should().Be(50);
    }

    [Fact]
    public void A_value_one_pack_lacks_is_unknown_rather_than_a_partial_sum()
    {
        var bank = Combine(Pack("p1 v=50 i=10 soc=60 rem=60 cmin=3.2 cmax=3.3"), Pack("p2 v=50 soc=40"));

        DerivedReadings.Number(bank, "current").Should().BeNull();
        DerivedReadings.Number(bank, "power").Should().BeNull();
        DerivedReadings.Number(bank, "remaining_capacity").Should().BeNull();
        DerivedReadings.Number(bank, "cell_voltage_min").Should().BeNull();
        DerivedReadings.Text(bank, "cell_voltage_min_pack").Should().BeNull();
        DerivedReadings.Number(bank, "time_to_full").Should().BeNull();
        DerivedReadings.Number(bank, "stored_energy").Should().BeNull();
        DerivedReadings.Number(bank, "pack_voltage").Should().Be(50);
        DerivedReadings.Number(bank, "state_of_charge").Should().Be(50);
        DerivedReadings.Number(bank, "packs_online").Should().Be(2);
    }

    // Source: gonzalop/wombatt internal/modbus/rtu_test.go TestReadRTUResponse (a bank master's answer to an EG4 6500EX)
    [Fact]
    public void A_bank_master_banked_with_its_slaves_gives_the_totals_without_counting_the_slaves_twice()
    {
        var frame = ModbusFrame.Parse(Convert.FromHexString(FrameVectors.Get("eg4-bus-resp-6500ex").Hex)).Value;
        var registers = Eg4LlMasterDecoder.Collect(ModbusReplies.Registers(frame).Value, Eg4LlMasterMap.BankStart);
        var master = Eg4LlMasterReadings.ToReading(Eg4LlDevice.Master("master"), At, Eg4LlMasterDecoder.Decode(registers).Value);

        // The master says the whole bank: 53.31 V, -2.4 A, 396 of 400 Ah; each slave holds half of it.
        var bank = Combine(master, Pack("s1 v=53.3 i=-1.2 soc=99 rem=198 full=200"), Pack("s2 v=53.3 i=-1.2 soc=99 rem=198 full=200"));

        DerivedReadings.Number(bank, "current").Should().Be(-2.4);
        DerivedReadings.Number(bank, "power").Should().Be(-127.94);
        DerivedReadings.Number(bank, "remaining_capacity").Should().Be(396);
        DerivedReadings.Number(bank, "full_capacity").Should().Be(400);
        DerivedReadings.Number(bank, "state_of_charge").Should().Be(99);
        DerivedReadings.Number(bank, "packs_online").Should().Be(3);
        DerivedReadings.Number(Combine(Pack("s1 v=53.3 i=-1.2 rem=198 full=200"), Pack("s2 v=53.3 i=-1.2 rem=198 full=200")), "current")
            .Should().Be(-2.4, "without a master the slaves are summed");
    }

    [Fact]
    public void A_tie_for_the_lowest_or_highest_cell_goes_to_the_pack_configured_first()
    {
        var bank = Combine(Pack("p1 cmin=3.2 cmax=3.4"), Pack("p2 cmin=3.2 cmax=3.4"));

        DerivedReadings.Text(bank, "cell_voltage_min_pack").Should().Be("p1");
        DerivedReadings.Text(bank, "cell_voltage_max_pack").Should().Be("p1");
    }

    [Fact]
    public void A_discharging_bank_says_when_it_is_empty()
    {
        var bank = Combine(Pack("p1 v=50 i=-10 rem=50 full=100"), Pack("p2 v=50 i=-15 rem=75 full=100"));

        DerivedReadings.Number(bank, "time_to_empty").Should().Be(300, "125 Ah at 25 A is 5 h");
        DerivedReadings.Number(bank, "power").Should().Be(-1250);
    }

    [Fact]
    public void No_pack_is_no_reading()
    {
        var options = Options("p1");

        BankAggregate.Combine(BankDevice.For(options), options, [], At).Should().BeNull();
    }

    [Theory]
    [InlineData("", "names no packs")]
    [InlineData("p1 p1", "twice")]
    public void A_bank_that_cannot_be_is_refused(string packs, string message)
    {
        var options = Options(packs.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        options.Invoking(o => o.Validate()).Should().Throw<ArgumentException>().WithMessage($"*{message}*");
    }
}
