using FluentAssertions;
using Streams.Config.Model;
using Xunit;
using static Streams.Tests.Config.ConfigAssertions;

namespace Streams.Tests.Config;

/// <summary><c>energy:</c> and <c>banks:</c>: what loads, and one line naming key, line and column for each mistake.</summary>
public sealed class EnergyAndBankConfigTests
{
    // Line numbers below refer to this text.
    private const string Valid = """
        sources:
          - kind: eg4-modbus
            port: /dev/ttyUSB0
            packs:
              - name: pack1
                address: 1
              - name: pack2
                address: 2
          - kind: jbd-ble
            mac: "AA:BB:CC:DD:EE:FF"
            name: ble1
        energy:
          state_dir: state
          max_gap: 45s
        banks:
          - name: bank
            packs: [pack1, pack2]
            stale_after: 1m
        """;

    private static string Replace(string from, string to)
    {
        Valid.Should().Contain(from);
        return Valid.Replace(from, to);
    }

    [Fact]
    public void Both_sections_load()
    {
        var config = ShouldLoad(Valid);

        config.Energy.StateDirectory.Should().Be(Path.GetFullPath("state"));
        config.Energy.MaxGap.Should().Be(TimeSpan.FromSeconds(45));
        config.Banks.Should().ContainSingle().Which.Should().Be(new BankConfig("bank", new Streams.Config.Loading.ConfigList<string>(["pack1", "pack2"]), TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Without_the_sections_the_defaults_apply()
    {
        var config = ShouldLoad(Valid[..Valid.IndexOf("energy:", StringComparison.Ordinal)]);

        config.Energy.Should().Be(EnergyConfig.Default);
        config.Banks.Should().BeEmpty();
    }

    [Fact]
    public void Two_loads_of_the_same_text_are_equal() => ShouldLoad(Valid).Should().Be(ShouldLoad(Valid));

    [Fact]
    public void A_bank_without_stale_after_leaves_it_to_the_packs() =>
        ShouldLoad(Replace("\n    stale_after: 1m", "")).Banks[0].StaleAfter.Should().BeNull();

    [Fact]
    public void An_unknown_pack_names_the_configured_ones()
    {
        var error = ShouldFailAt(Replace("[pack1, pack2]", "[pack1, pack9]"), "banks[0].packs[1]", 17, "unknown pack 'pack9' (configured packs: pack1, pack2, ble1)");
        error.Column.Should().Be(20);
    }

    [Fact]
    public void A_pack_name_in_other_case_is_suggested() =>
        ShouldFailAt(Replace("[pack1, pack2]", "[pack1, PACK2]"), "banks[0].packs[1]", 17, "did you mean 'pack2'?");

    [Fact]
    public void A_pack_listed_twice_is_an_error() =>
        ShouldFailAt(Replace("[pack1, pack2]", "[pack1, pack1]"), "banks[0].packs[1]", 17, "pack 'pack1' is listed twice in this bank");

    [Fact]
    public void A_pack_in_two_banks_is_an_error() =>
        ShouldFailAt(Valid + "\n  - name: other\n    packs: [pack2]\n", "banks[1].packs[0]", 20, "pack 'pack2' is already in bank 'bank'");

    [Fact]
    public void A_bank_named_like_a_pack_is_an_error() =>
        ShouldFailAt(Replace("  - name: bank", "  - name: Pack1"), "banks[0].name", 16, "bank name 'Pack1' is already used by sources[0].packs[0].name (line 5)");

    [Fact]
    public void A_bank_named_bridge_is_an_error() =>
        ShouldFailAt(Replace("  - name: bank", "  - name: bridge"), "banks[0].name", 16, "'bridge' is reserved");

    [Fact]
    public void Two_banks_of_one_name_are_an_error() =>
        ShouldFailAt(Valid + "\n  - name: bank\n    packs: [ble1]\n", "banks[1].name", 19, "bank name 'bank' is already used by banks[0].name (line 16)");

    [Fact]
    public void A_bank_is_not_a_pack_of_another_bank() =>
        ShouldFailAt(Valid + "\n  - name: big\n    packs: [bank]\n", "banks[1].packs[0]", 20, "unknown pack 'bank'");

    [Fact]
    public void An_empty_pack_list_is_an_error() =>
        ShouldFailAt(Replace("[pack1, pack2]", "[]"), "banks[0].packs", 17, "needs at least one pack");

    [Fact]
    public void A_bank_without_packs_is_an_error() =>
        ShouldFailAt(Replace("    packs: [pack1, pack2]\n", ""), "banks[0].packs", 16, "required value is missing");

    [Fact]
    public void An_unknown_bank_key_is_an_error() =>
        ShouldFailAt(Replace("stale_after: 1m", "stale_afer: 1m"), "banks[0].stale_afer", 18, "did you mean 'stale_after'?");

    [Fact]
    public void A_bad_max_gap_is_an_error() =>
        ShouldFailAt(Replace("max_gap: 45s", "max_gap: soon"), "energy.max_gap", 14, "soon");

    [Fact]
    public void An_unknown_energy_key_is_an_error() =>
        ShouldFailAt(Replace("max_gap: 45s", "max_gaps: 45s"), "energy.max_gaps", 14, "did you mean 'max_gap'?");

    [Fact]
    public void Banks_must_be_a_list() =>
        ShouldFailAt(Valid[..Valid.IndexOf("banks:", StringComparison.Ordinal)] + "banks: bank\n", "banks", 15, "expected a list");
}
