using FluentAssertions;
using Streams.Core;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Modbus;
using Streams.HomeAssistant;
using Streams.HomeAssistant.Discovery;
using Streams.Tests.Devices.Eg4Ll;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.HomeAssistant;

/// <summary>
/// An EG4 master pack's device against the discovery checklist (docs/home-assistant.md): the bank block
/// of vector eg4-bus-resp-6500ex (gonzalop/wombatt rtu_test.go) with cells and 37..41 built from
/// docs/protocols.md §2, so that every field of the master catalogue is announced.
/// </summary>
public class MasterPackDiscoveryTests
{
    public static TheoryData<string> Layouts => [nameof(DiscoveryLayout.Device), nameof(DiscoveryLayout.Entity)];

    [Theory, MemberData(nameof(Layouts))]
    public void A_master_pack_passes_every_rule_and_its_uncertain_fields_start_disabled(string layout)
    {
        var options = new HomeAssistantOptions
        {
            DiscoveryPrefix = "homeassistant",
            BaseTopic = "streams",
            Layout = Enum.Parse<DiscoveryLayout>(layout),
            Devices = new Dictionary<string, DeviceSettings> { ["master1"] = new(TimeSpan.FromSeconds(10)) },
        };
        using var harness = new PublisherHarness(options: options);
        harness.Link!.Connect();

        harness.Publisher.Publish(Eg4LlMasterReadings.ToReading(Eg4LlDevice.Master("master1"), HaReadings.Noon, Status()));
        harness.Advance(TimeSpan.FromSeconds(10));

        var book = harness.Book();
        var uncertain = Eg4LlMasterFields.All.Where(f => f.Certainty == FieldCertainty.Uncertain).Select(f => f.Key).ToHashSet();
        book.Entities.Select(e => e.Key).Should().Contain(Eg4LlMasterFields.All.Select(f => f.Key));
        book.Entities.Where(e => uncertain.Contains(e.Key)).Should().OnlyContain(e => e.Options["en"] != null && !(bool)e.Options["en"]!);
        book.Entities.Where(e => e.Key is "state_of_charge" or "pack_voltage" or "current").Should().HaveCount(3).And.OnlyContain(e => e.Options["en"] == null);
        foreach (var (rule, violations) in book.EveryRule())
        {
            violations.Should().BeEmpty("rule {0} holds", rule);
        }
    }

    private static Eg4LlMasterStatus Status()
    {
        var registers = Eg4LlMasterDecoderTests.BuiltMasterMap(cells: 16);
        Eg4LlMasterDecoder.Collect(ModbusFrame.Parse(FrameVectors.Get("eg4-bus-resp-6500ex").Bytes).Value.GetRegisters(), Eg4LlMasterMap.BankStart, registers);
        return Eg4LlMasterDecoder.Decode(registers).Value;
    }
}
