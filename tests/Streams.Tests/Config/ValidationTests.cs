using FluentAssertions;
using Xunit;
using static Streams.Tests.Config.ConfigAssertions;

namespace Streams.Tests.Config;

public sealed class ValidationTests
{
    // A valid configuration; each test breaks one line of it. Line numbers below refer to this text.
    private const string Valid = """
        sources:
          - kind: eg4-modbus
            port: /dev/ttyUSB0
            baud: 9600
            timeout: 1.5s
            poll_interval: 10s
            register_count: 39
            packs:
              - name: pack1
                address: 1
              - name: pack2
                address: 2
          - kind: jbd-ble
            mac: "AA:BB:CC:DD:EE:FF"
            name: ble1
        mqtt:
          host: broker
          username: streams
          password: secret
        """;

    private static string Replace(string from, string to)
    {
        Valid.Should().Contain(from);
        return Valid.Replace(from, to);
    }

    [Fact]
    public void The_base_text_is_valid()
    {
        var config = ShouldLoad(Valid);
        config.Sources.Should().HaveCount(2);
    }

    [Fact]
    public void Address_above_247_points_at_the_address_node()
    {
        var error = ShouldFailAt(Replace("address: 2", "address: 300"), "sources[0].packs[1].address", 12, "must be 1..247, got 300");
        error.Column.Should().Be(18);
        error.ToString().Should().Be("config.yaml:12:18: sources[0].packs[1].address: must be 1..247, got 300");
    }

    [Fact]
    public void Address_zero_is_rejected() =>
        ShouldFailAt(Replace("address: 1", "address: 0"), "sources[0].packs[0].address", 10, "must be 1..247, got 0");

    [Fact]
    public void Address_that_is_not_a_number_is_a_type_error() =>
        ShouldFailAt(Replace("address: 2", "address: two"), "sources[0].packs[1].address", 12, "expected a whole number, got 'two'");

    [Fact]
    public void Hexadecimal_address_is_accepted() =>
        ShouldLoad(Replace("address: 2", "address: 0x40")).Sources[0]
            .Should().BeOfType<Streams.Config.Model.Eg4ModbusSourceConfig>()
            .Which.Packs[1].Address.Should().Be(0x40);

    [Fact]
    public void Duplicate_address_on_one_bus_is_rejected() =>
        ShouldFailAt(Replace("address: 2", "address: 1"), "sources[0].packs[1].address", 12, "address 1 is already used by 'pack1' (line 10)");

    [Fact]
    public void Missing_address_is_reported_at_the_pack() =>
        ShouldFailAt(Replace("\n        address: 2", ""), "sources[0].packs[1].address", 11, "required value is missing");

    [Fact]
    public void Unsupported_baud_is_rejected() =>
        ShouldFailAt(Replace("baud: 9600", "baud: 4800"), "sources[0].baud", 4, "must be one of 9600, 19200, 38400, 115200, got 4800");

    [Fact]
    public void Register_count_other_than_39_or_47_is_rejected() =>
        ShouldFailAt(Replace("register_count: 39", "register_count: 40"), "sources[0].register_count", 7, "must be one of 39, 47, got 40");

    [Fact]
    public void Duration_without_unit_is_rejected_with_a_hint() =>
        ShouldFailAt(Replace("timeout: 1.5s", "timeout: 1.5"), "sources[0].timeout", 5, "needs a unit (ms, s, m or h), e.g. '1.5s'");

    [Fact]
    public void Duration_with_unknown_unit_is_rejected() =>
        ShouldFailAt(Replace("poll_interval: 10s", "poll_interval: 10d"), "sources[0].poll_interval", 6, "expected a duration such as 500ms");

    [Fact]
    public void Duration_out_of_range_is_rejected() =>
        ShouldFailAt(Replace("timeout: 1.5s", "timeout: 5ms"), "sources[0].timeout", 5, "must be 10ms..1m, got 5ms");

    [Fact]
    public void Unknown_key_is_reported_at_the_key_with_a_suggestion() =>
        ShouldFailAt(Replace("poll_interval: 10s", "poll_intervall: 10s"), "sources[0].poll_intervall", 6, "unknown key (did you mean 'poll_interval'?)");

    [Fact]
    public void Swapped_letters_in_a_key_still_get_a_suggestion() =>
        ShouldFailAt(Replace("name: ble1", "name: ble1\n    adpater: hci0"), "sources[1].adpater", 16, "unknown key (did you mean 'adapter'?)");

    [Fact]
    public void Unknown_key_inside_a_pack_is_reported() =>
        ShouldFailAt(Replace("address: 2", "adress: 2"), "sources[0].packs[1].adress", 12, "unknown key (did you mean 'address'?)");

    [Fact]
    public void Key_far_from_any_known_key_gets_no_suggestion()
    {
        var error = ShouldFailAt(Replace("baud: 9600", "baud: 9600\n    colour: blue"), "sources[0].colour", 5, "unknown key");
        error.Message.Should().Be("unknown key");
    }

    [Fact]
    public void Unknown_top_level_key_is_reported() =>
        ShouldFailAt(Valid + "\nlogs:\n  level: info\n", "logs", 20, "unknown key");

    [Fact]
    public void Unknown_kind_lists_the_valid_kinds() =>
        ShouldFailAt(Replace("kind: jbd-ble", "kind: jbd-wifi"), "sources[1].kind", 13,
            "must be one of eg4-modbus, eg4-7e, sniffer, jbd-serial, jbd-ble, simulator, got 'jbd-wifi'");

    [Fact]
    public void Unknown_kind_does_not_also_flag_every_other_key()
    {
        var result = Load(Replace("kind: jbd-ble", "kind: jbd-wifi"));
        result.Errors.Should().ContainSingle().Which.KeyPath.Should().Be("sources[1].kind");
    }

    [Fact]
    public void Missing_kind_is_reported_at_the_source() =>
        ShouldFailAt(Replace("  - kind: jbd-ble\n    mac:", "  - mac:"), "sources[1].kind", 13, "required value is missing (one of eg4-modbus");

    [Fact]
    public void Missing_port_is_reported_at_the_source_mapping()
    {
        var error = ShouldFailAt(Replace("    port: /dev/ttyUSB0\n", ""), "sources[0].port", 2, "required value is missing");
        error.Column.Should().Be(5);
    }

    [Fact]
    public void Empty_port_is_rejected() =>
        ShouldFailAt(Replace("port: /dev/ttyUSB0", "port: \"\""), "sources[0].port", 3, "must not be empty");

    [Fact]
    public void A_list_where_a_value_is_expected_is_a_type_error() =>
        ShouldFailAt(Replace("port: /dev/ttyUSB0", "port: [/dev/ttyUSB0]"), "sources[0].port", 3, "expected a single value, got a list");

    [Fact]
    public void A_value_where_a_list_is_expected_is_a_type_error() =>
        ShouldFailAt(Replace("sources:\n  - kind", "sources: x\nother:\n  - kind"), "sources", 1, "expected a list, got 'x'");

    [Fact]
    public void A_value_where_a_mapping_is_expected_is_a_type_error() =>
        ShouldFailAt(Valid + "\nhealth: often\n", "health", 20, "expected a mapping of keys to values, got 'often'");

    [Fact]
    public void Empty_source_list_is_rejected() =>
        ShouldFailAt("sources: []\n", "sources", 1, "needs at least one source");

    [Fact]
    public void Missing_sources_is_rejected() =>
        ShouldFailAt("mqtt:\n  host: broker\n", "sources", 1, "required value is missing");

    [Fact]
    public void Empty_pack_list_is_rejected_for_a_polling_source() =>
        ShouldFailAt("sources:\n  - kind: eg4-7e\n    port: /dev/ttyS0\n    packs: []\n", "sources[0].packs", 4, "needs at least one pack");

    [Fact]
    public void Bad_mac_is_rejected() =>
        ShouldFailAt(Replace("\"AA:BB:CC:DD:EE:FF\"", "AA-BB-CC-DD-EE-FF"), "sources[1].mac", 14, "must be a Bluetooth address like AA:BB:CC:DD:EE:FF, got 'AA-BB-CC-DD-EE-FF'");

    [Fact]
    public void Pack_name_with_a_space_is_rejected() =>
        ShouldFailAt(Replace("name: pack2", "name: \"pack 2\""), "sources[0].packs[1].name", 11, "letters, digits, '_' or '-'");

    [Fact]
    public void Pack_name_bridge_is_reserved_for_the_bridge_device() =>
        ShouldFailAt(Replace("name: pack2", "name: Bridge"), "sources[0].packs[1].name", 11, "'bridge' is reserved");

    [Fact]
    public void Duplicate_pack_name_within_a_source_is_rejected() =>
        ShouldFailAt(Replace("name: pack2", "name: pack1"), "sources[0].packs[1].name", 11, "duplicate pack name 'pack1', already used by sources[0].packs[0].name (line 9)");

    [Fact]
    public void Duplicate_name_across_sources_is_rejected_case_insensitively() =>
        ShouldFailAt(Replace("name: ble1", "name: PACK2"), "sources[1].name", 15, "duplicate pack name 'PACK2', already used by sources[0].packs[1].name (line 11)");

    [Fact]
    public void Two_sources_on_one_port_are_rejected() =>
        ShouldFailAt(Valid.Replace("mqtt:", "  - kind: sniffer\n    port: /dev/ttyUSB0\nmqtt:"), "sources[2].port", 17,
            "port '/dev/ttyUSB0' is already used by sources[0].port (line 3)");

    [Fact]
    public void Two_sources_for_one_ble_device_are_rejected() =>
        ShouldFailAt(Valid.Replace("mqtt:", "  - kind: jbd-ble\n    mac: aa:bb:cc:dd:ee:ff\n    name: ble2\nmqtt:"), "sources[2].mac", 17,
            "device AA:BB:CC:DD:EE:FF is already used by sources[1].mac (line 14)");

    [Fact]
    public void Bad_adapter_name_is_rejected() =>
        ShouldFailAt(Replace("name: ble1", "name: ble1\n    adapter: bluetooth0"), "sources[1].adapter", 16, "must be a BlueZ adapter name like hci0");

    [Fact]
    public void Boolean_must_be_true_or_false() =>
        ShouldFailAt(Replace("name: ble1", "name: ble1\n    allow_control: yes"), "sources[1].allow_control", 16, "expected true or false, got 'yes'");

    [Fact]
    public void Password_and_password_file_together_are_rejected() =>
        ShouldFailAt(Replace("password: secret", "password: secret\n  password_file: /run/secrets/mqtt"), "mqtt.password_file", 20, "cannot be combined with password");

    [Fact]
    public void Password_without_username_is_rejected() =>
        ShouldFailAt(Replace("  username: streams\n", ""), "mqtt.password", 18, "needs a username as well");

    [Fact]
    public void Missing_mqtt_host_is_rejected() =>
        ShouldFailAt(Replace("  host: broker\n", ""), "mqtt.host", 17, "required value is missing");

    [Fact]
    public void Mqtt_host_given_as_url_is_rejected() =>
        ShouldFailAt(Replace("host: broker", "host: mqtt://broker:1883"), "mqtt.host", 17, "must be a host name or address");

    [Fact]
    public void Mqtt_port_out_of_range_is_rejected() =>
        ShouldFailAt(Replace("host: broker", "host: broker\n  port: 70000"), "mqtt.port", 18, "must be 1..65535, got 70000");

    [Fact]
    public void Discovery_mode_must_be_known() =>
        ShouldFailAt(Replace("host: broker", "host: broker\n  discovery: both"), "mqtt.discovery", 18, "must be one of device, entity, got 'both'");

    [Theory]
    [InlineData("4", "'4'")]
    [InlineData("3.1", "'3.1'")]
    [InlineData("v5", "'v5'")]
    public void Mqtt_protocol_must_be_3_1_1_or_5(string value, string quoted) =>
        ShouldFailAt(Replace("host: broker", $"host: broker\n  protocol: {value}"), "mqtt.protocol", 18, $"must be one of 3.1.1, 5, got {quoted}");

    [Fact]
    public void Wildcards_in_topics_are_rejected() =>
        ShouldFailAt(Replace("host: broker", "host: broker\n  base_topic: bms/#"), "mqtt.base_topic", 18, "must not contain the wildcards");

    [Fact]
    public void Keepalive_must_be_whole_seconds() =>
        ShouldFailAt(Replace("host: broker", "host: broker\n  keepalive: 1500ms"), "mqtt.keepalive", 18, "must be 5s..65535s, got 1.5s");

    [Fact]
    public void Fractional_keepalive_in_range_is_rejected_as_not_whole_seconds() =>
        ShouldFailAt(Replace("host: broker", "host: broker\n  keepalive: 10.5s"), "mqtt.keepalive", 18, "must be whole seconds");

    [Fact]
    public void Tls_files_must_exist() =>
        ShouldFailAt(Replace("host: broker", "host: broker\n  tls:\n    ca_file: /nonexistent/ca.crt"), "mqtt.tls.ca_file", 19, "does not exist");

    [Fact]
    public void Tls_client_certificate_needs_its_key()
    {
        var file = Path.GetTempFileName();
        try
        {
            ShouldFailAt(Replace("host: broker", $"host: broker\n  tls:\n    cert_file: {file}"), "mqtt.tls.cert_file", 19, "cert_file and key_file go together");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Log_level_must_be_known() =>
        ShouldFailAt(Valid + "\nlogging:\n  level: loud\n", "logging.level", 21, "must be one of trace, verbose, debug, info");

    [Fact]
    public void Offline_after_must_be_positive() =>
        ShouldFailAt(Valid + "\nhealth:\n  offline_after: 0\n", "health.offline_after", 21, "must be 1..1000, got 0");

    [Fact]
    public void Simulator_device_must_be_known() =>
        ShouldFailAt("sources:\n  - kind: simulator\n    device: victron\n    packs: [{name: a, address: 1}]\n", "sources[0].device", 3,
            "must be one of eg4-ll, eg4-ll-master, eg4-7e, jbd, got 'victron'");

    [Fact]
    public void Cell_count_out_of_range_is_rejected() =>
        ShouldFailAt("sources:\n  - kind: eg4-7e\n    port: /dev/ttyS0\n    cell_count: 33\n    packs: [{name: a, address: 1}]\n", "sources[0].cell_count", 4, "must be 1..32, got 33");

    [Fact]
    public void Every_error_is_collected_not_just_the_first()
    {
        var text = Replace("baud: 9600", "baud: 1200").Replace("address: 2", "address: 999").Replace("host: broker", "hots: broker");
        var result = Load(text);
        result.Errors.Select(e => (e.KeyPath, e.Line)).Should().Equal(
            ("sources[0].baud", 4),
            ("sources[0].packs[1].address", 12),
            ("mqtt.host", 17),
            ("mqtt.hots", 17));
    }

    [Fact]
    public void Errors_are_sorted_in_file_order()
    {
        var text = Replace("register_count: 39", "register_count: 1").Replace("baud: 9600", "baud: 1");
        Load(text).Errors.Select(e => e.Line).Should().BeInAscendingOrder();
    }
}
