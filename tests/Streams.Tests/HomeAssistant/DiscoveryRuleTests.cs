using FluentAssertions;
using Streams.HomeAssistant;
using Streams.HomeAssistant.Discovery;
using Xunit;

namespace Streams.Tests.HomeAssistant;

/// <summary>
/// docs/home-assistant.md's rule table, one test per mechanically checkable rule, run over the
/// retained configs and states the publisher leaves for a real EG4-LL pack (vector
/// eg4ll-wombatt-info) and a controllable JBD BMS (vectors jbd-03/04-sp04s034-a), in both layouts.
/// Rules 7 and 10 are behaviours: see <see cref="HomeAssistantPublisherTests"/>.
/// </summary>
public class DiscoveryRuleTests
{
    /// <summary>The layouts by name (<see cref="DiscoveryLayout"/> is internal, a public theory's parameter cannot be).</summary>
    public static TheoryData<string> Layouts => [nameof(DiscoveryLayout.Device), nameof(DiscoveryLayout.Entity)];

    [Theory, MemberData(nameof(Layouts))]
    public void Rule01_config_topics_follow_the_grammar(string layout) => Check(layout, b => b.Rule01TopicLayout());

    [Theory, MemberData(nameof(Layouts))]
    public void Rule02_payloads_are_json_objects(string layout) => Check(layout, b => b.Rule02JsonObject());

    [Theory, MemberData(nameof(Layouts))]
    public void Rule03_every_entity_has_a_unique_id(string layout) => Check(layout, b => b.Rule03UniqueIds());

    [Theory, MemberData(nameof(Layouts))]
    public void Rule04_device_block_with_identifiers_and_name(string layout) => Check(layout, b => b.Rule04DeviceBlock());

    [Theory, MemberData(nameof(Layouts))]
    public void Rule05_origin_block(string layout) => Check(layout, b => b.Rule05Origin());

    [Theory, MemberData(nameof(Layouts))]
    public void Rule06_availability_names_the_will_topic(string layout) => Check(layout, b => b.Rule06Availability());

    [Theory, MemberData(nameof(Layouts))]
    public void Rule08_sensor_classes_follow_the_table(string layout) => Check(layout, b => b.Rule08SensorClasses());

    [Theory, MemberData(nameof(Layouts))]
    public void Rule09_switches_have_command_and_state(string layout) => Check(layout, b => b.Rule09Switches());

    [Theory, MemberData(nameof(Layouts))]
    public void Rule11_expire_after_on_device_entities(string layout) => Check(layout, b => b.Rule11ExpireAfter());

    [Theory, MemberData(nameof(Layouts))]
    public void Rule12_diagnostics_and_disabled_noise(string layout) => Check(layout, b => b.Rule12Diagnostics());

    [Theory, MemberData(nameof(Layouts))]
    public void Rule13_display_precision(string layout) => Check(layout, b => b.Rule13DisplayPrecision());

    [Theory, MemberData(nameof(Layouts))]
    public void Rule14_state_and_command_topics_under_the_base_topic(string layout) => Check(layout, b => b.Rule14OwnTopics());

    [Theory, MemberData(nameof(Layouts))]
    public void Rule15_default_entity_id_not_object_id(string layout) => Check(layout, b => b.Rule15DefaultEntityId());

    [Theory, MemberData(nameof(Layouts))]
    public void Rule16_avoided_options(string layout) => Check(layout, b => b.Rule16Avoid());

    [Theory, MemberData(nameof(Layouts))]
    public void Rule17_via_device_resolves_and_is_not_self(string layout) => Check(layout, b => b.Rule17ViaDevice());

    [Theory, MemberData(nameof(Layouts))]
    public void Value_template_keys_exist_in_the_state(string layout) => Check(layout, b => b.TemplateKeysInState());

    [Fact]
    public void The_rule_book_catches_planted_mistakes()
    {
        var retained = new Dictionary<string, string>
        {
            ["streams/bridge/availability"] = "online",
            ["homeassistant/sensor/x:y/energy/config"] =
                """{"name":"x energy","uniq_id":"u1","obj_id":"e","stat_t":"homeassistant/x/state","val_tpl":"{{ value_json.e }}","dev_cla":"energy","stat_cla":"measurement","unit_of_meas":"kWh","ent_cat":"config","dev":{"ids":["x"],"name":"x","via_device":"x"},"o":{"name":"t"}}""",
            ["homeassistant/sensor/x/temp/config"] =
                """{"name":"Temp","uniq_id":"u1","stat_t":"streams/x/state","val_tpl":"{{ value_json.t }}","dev_cla":"temperature","stat_cla":"measurement","unit_of_meas":"ºC","dev":{"ids":["x"]},"o":{"name":"t","sw":"1"},"avty_t":"streams/x/availability","avty":[{"t":"streams/x/availability"}]}""",
            ["homeassistant/switch/x/out/config"] =
                """{"name":"Out","uniq_id":"u3","cmd_t":"streams/x/out/set","ret":true,"dev":{"ids":["x"]},"o":{"name":"t","sw":"1"}}""",
            ["homeassistant/binary_sensor/x/chg/config"] =
                """{"name":"Charging","uniq_id":"u4","stat_t":"streams/x/state","val_tpl":"{{ value_json.chg }}","dev_cla":"battery","dev":{"ids":["x"],"via_device":"nowhere"},"o":{"name":"t","sw":"1"},"frc_upd":true}""",
        };
        var book = new HomeAssistantRuleBook("homeassistant", "streams", retained);

        book.Rule01TopicLayout().Should().ContainSingle(v => v.Contains("x:y"));
        book.Rule03UniqueIds().Should().ContainSingle(v => v.Contains("duplicate"));
        book.Rule05Origin().Should().NotBeEmpty();
        book.Rule06Availability().Should().Contain(v => v.Contains("both"));
        book.Rule08SensorClasses().Should().Contain(v => v.Contains("measurement is impossible")).And.Contain(v => v.Contains("ºC"));
        book.Rule09Switches().Should().Contain(v => v.Contains("no state topic")).And.Contain(v => v.Contains("retain true"));
        book.Rule11ExpireAfter().Should().NotBeEmpty();
        book.Rule14OwnTopics().Should().Contain(v => v.Contains("homeassistant/x/state"));
        book.Rule15DefaultEntityId().Should().Contain(v => v.Contains("deprecated"));
        book.Rule16Avoid().Should().Contain(v => v.Contains("repeats")).And.Contain(v => v.Contains("force_update"))
            .And.Contain(v => v.Contains("battery low")).And.Contain(v => v.Contains("config"));
        book.Rule17ViaDevice().Should().Contain(v => v.Contains("own identifier")).And.Contain(v => v.Contains("nowhere"));
        book.TemplateKeysInState().Should().NotBeEmpty();
    }

    private static void Check(string layout, Func<HomeAssistantRuleBook, IEnumerable<string>> rule)
    {
        using var harness = new PublisherHarness(Enum.Parse<DiscoveryLayout>(layout)).Populated();
        var book = harness.Book();
        book.Entities.Should().HaveCountGreaterThan(100, "an EG4-LL pack, a JBD BMS and the bridge were announced");
        rule(book).Should().BeEmpty();
    }
}
