using FluentAssertions;
using Streams.Core;
using Streams.Devices.Eg4Legacy;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Jbd;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.Devices;

public class ReadingsMappingTests
{
    private static readonly DeviceInfo Pack = new("pack_1", Eg4LlDevice.Protocol, "EG4 Electronics", "LifePower4");

    // Source: gonzalop/wombatt internal/bms/bms_test.go TestBatteryInfo
    [Fact]
    public void Eg4_ll_vector_eg4ll_wombatt_info_maps_to_catalogue_fields()
    {
        var status = Eg4LlFrames.DecodeStatus(FrameVectors.Get("eg4ll-wombatt-info").Bytes).Value;
        var timestamp = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

        var reading = Eg4LlReadings.ToReading(Pack, timestamp, status);
        var fields = ByKey(reading.Fields);

        reading.Device.Should().Be(Pack);
        reading.Timestamp.Should().Be(timestamp);
        reading.Fields.Select(f => f.Spec).Should().OnlyContain(s => Eg4LlFields.All.Contains(s));
        fields["pack_voltage"].Number.Should().Be(53.66);
        fields["power"].Number.Should().Be(64.39);
        fields["full_capacity"].Number.Should().Be(100);
        fields["design_capacity"].Number.Should().Be(100);
        fields["cell_voltage_delta"].Number.Should().Be(2);
        fields["cell_lowest"].Number.Should().Be(2);
        fields["cell_highest"].Number.Should().Be(3);
        fields["status"].Text.Should().Be("charging");
        fields["heater"].Flag.Should().BeFalse();
        fields["temperature_sensor_4"].Number.Should().Be(24);
        fields.Keys.Count(k => k.StartsWith("register_", StringComparison.Ordinal)).Should().Be(39);
        reading.Fields.Where(f => ProblemSummary.IsBit(f.Spec)).Should().HaveCount(32).And.OnlyContain(f => f.Flag == false);
        fields["problem"].Flag.Should().BeFalse();
        fields["active_problems"].Text.Should().Be("none");
    }

    [Fact]
    public void Eg4_ll_bits_map_to_their_named_problem_fields_and_absent_sensors_are_omitted()
    {
        var registers = Eg4Ll.Eg4LlDecoderTests.PlausibleRegisters();
        registers[25] = 0x8010;
        registers[26] = 0x0002;
        registers[27] = 0x2000;
        registers[28] = 0x0010;
        registers[35] = 0xC8C8;
        var status = Eg4LlDecoder.DecodeStatus(registers, 0, 1).Value;

        var fields = ByKey(Eg4LlReadings.ToFields(status));

        fields.Where(f => f.Value.Flag == true).Select(f => f.Key).Should().BeEquivalentTo(
            "heater", "warning_cell_overvoltage", "protection_discharge_short_circuit", "error_cell_unbalance", "problem");
        fields["active_problems"].Text.Should().Be("Cell overvoltage warning, Discharge short circuit protection, Cell unbalance error");
        fields["status"].Text.Should().Be("unknown_0x0010");
        fields.Should().ContainKey("temperature_sensor_4").And.NotContainKeys("temperature_sensor_5", "temperature_sensor_6");
    }

    [Theory]
    [InlineData(39)]
    [InlineData(47)]
    [InlineData(125)]
    public void Eg4_ll_fields_are_made_at_their_final_size_when_every_field_is_there(int registerCount)
    {
        // The list is the reading: one too small is regrown (doubled) per reading, one too big is garbage.
        var registers = new ushort[registerCount];
        Eg4Ll.Eg4LlDecoderTests.PlausibleRegisters().AsSpan(0, 39).CopyTo(registers);
        registers[33] = 0x1718;
        registers[34] = 0x191A;
        registers[35] = 0x1B1C;
        registers[26] = 0x0002;
        var status = Eg4LlDecoder.DecodeStatus(registers, 0, 1).Value;

        var fields = Eg4LlReadings.ToFields(status, new Eg4LlTemperatureSensors(configured: 6));

        fields.Should().Contain(f => f.Spec.Key == "temperature_sensor_6").And.Contain(f => f.Spec.Key == "active_problems");
        fields.Count(f => f.Spec.Key.StartsWith("register_", StringComparison.Ordinal)).Should().Be(registerCount);
        fields.Should().BeOfType<List<FieldValue>>().Which.Capacity.Should().Be(fields.Count);
    }

    [Fact]
    public void Eg4_ll_identity_fills_the_device()
    {
        var device = Eg4LlReadings.WithIdentity(Pack, new Eg4LlIdentity("LP4-V2", "Z02T04", "SN42"));

        device.Should().Be(Pack with { Model = "LP4-V2", Firmware = "Z02T04", Serial = "SN42" });
        Eg4LlReadings.WithIdentity(device, new Eg4LlIdentity(string.Empty, string.Empty, string.Empty)).Should().Be(device);
    }

    // Source: slim-bean/powermon README.md (EG4 Protocol section)
    [Fact]
    public void Eg4_7e_vector_eg4lp_7e_readme_maps_to_catalogue_fields()
    {
        var status = Eg4LegacyDecoder.DecodeStatus(FrameVectors.Get("eg4lp-7e-readme").Bytes).Value;

        var fields = Eg4LegacyReadings.ToFields(status);

        fields.Select(f => f.Spec).Should().OnlyContain(s => Eg4LegacyFields.All.Contains(s));
        ByKey(fields)["state_of_charge"].Number.Should().Be(88.6);
        ByKey(fields)["cell_count"].Number.Should().Be(16);
        fields.Where(f => ProblemSummary.IsBit(f.Spec) || f.Spec.Kind == FieldKind.Flag).Should().HaveCount(8).And.OnlyContain(f => f.Flag == false);
        ByKey(fields)["problem"].Flag.Should().BeFalse();
    }

    [Fact]
    public void Eg4_7e_alarm_word_bits_map_to_charging_and_alarms()
    {
        var status = Eg4LegacyDecoder.DecodeStatus(Eg4Legacy.Eg4LegacyDecoderTests.StatusFrame(alarms: [0, 0x19])).Value;

        var fields = ByKey(Eg4LegacyReadings.ToFields(status));

        fields.Where(f => f.Value.Flag == true).Select(f => f.Key).Should().BeEquivalentTo("charging", "alarm_overcurrent", "alarm_overvoltage", "problem");
        fields["active_problems"].Text.Should().Be("Overcurrent alarm, Overvoltage alarm");
    }

    [Fact]
    public void Eg4_7e_without_an_alarm_word_publishes_no_alarm_or_charging_fields()
    {
        var status = Eg4LegacyDecoder.DecodeStatus(Eg4Legacy.Eg4LegacyDecoderTests.StatusFrame(alarms: [0])).Value;

        Eg4LegacyReadings.ToFields(status).Should().NotContain(f => f.Spec.Kind == FieldKind.Problem || f.Spec.Kind == FieldKind.Flag);
    }

    // Sources: syssi/esphome-jbd-bms docs/pdus/JBD-SP04S034-L4S-200A-B-U.txt (0x03 and 0x04 of one BMS).
    [Fact]
    public void Jbd_vectors_jbd_03_and_04_sp04s034_a_map_to_one_reading_with_cell_statistics()
    {
        var basic = JbdDecoder.DecodeBasicInfo(FrameVectors.Get("jbd-03-sp04s034-a").Bytes).Value;
        var cellsVector = FrameVectors.Get("jbd-04-sp04s034-a");
        var cells = JbdDecoder.DecodeCellVoltages(cellsVector.Bytes).Value;

        var fields = JbdReadings.ToFields(basic, cells);
        var byKey = ByKey(fields);

        fields.Select(f => f.Spec).Should().OnlyContain(s => JbdFields.All.Contains(s));
        byKey["cell_lowest"].Number.Should().Be(cellsVector.Number("min_cell"));
        byKey["cell_highest"].Number.Should().Be(cellsVector.Number("max_cell"));
        (byKey["cell_voltage_delta"].Number / 1000).Should().BeApproximately(cellsVector.Number("delta_v"), 1e-12);
        byKey["cell_voltage_average"].Number.Should().Be(cellsVector.Number("avg_v"));
        byKey["production_date"].Text.Should().Be("2022-03-28");
        byKey["software_version"].Text.Should().Be("8.0");
        byKey["charge_mosfet"].Flag.Should().BeTrue();
        byKey["temperature_sensor_3"].Number.Should().Be(21.7);
        byKey.Should().NotContainKey("temperature_sensor_4");
        fields.Where(f => ProblemSummary.IsBit(f.Spec)).Should().HaveCount(13).And.OnlyContain(f => f.Flag == false);
    }

    [Fact]
    public void Jbd_software_version_is_the_firmware_of_the_device()
    {
        var basic = JbdDecoder.DecodeBasicInfo(FrameVectors.Get("jbd-03-sp04s034-a").Bytes).Value;

        var reading = JbdReadings.ToReading(JbdDevice.Named("jbd1"), DateTimeOffset.UnixEpoch, basic, null);

        reading.Device.Firmware.Should().Be("8.0");
    }

    [Fact]
    public void Jbd_protection_bits_and_off_mosfets_map_to_their_fields()
    {
        var basic = JbdDecoder.DecodeBasicInfo(FrameVectors.Get("jbd-03-protocol-doc").Bytes).Value
            with { ProtectionBits = 0x1401, MosfetStatus = 0x02, ProductionDateRaw = 0 };

        var fields = ByKey(JbdReadings.ToFields(basic, null));

        fields.Where(f => f.Value.Flag == true).Select(f => f.Key).Should().BeEquivalentTo(
            "discharge_mosfet", "protection_cell_overvoltage", "protection_short_circuit", "protection_software_lock", "problem");
        fields["active_problems"].Text.Should().Be("Cell overvoltage protection, Short circuit protection, Software lock protection");
        fields.Should().NotContainKey("production_date").And.NotContainKey("cell_01_voltage");
    }

    [Fact]
    public void Numbers_are_finite_and_never_negative_zero()
    {
        var basic = JbdDecoder.DecodeBasicInfo(FrameVectors.Get("jbd-03-sp04s034-a").Bytes).Value with { Current = -0.0 };

        var numbers = JbdReadings.ToFields(basic, null).Where(f => f.Number is not null).Select(f => f.Number!.Value).ToList();

        numbers.Should().OnlyContain(n => double.IsFinite(n));
        numbers.Should().NotContain(n => n == 0 && double.IsNegative(n));
    }

    private static Dictionary<string, FieldValue> ByKey(IEnumerable<FieldValue> fields) => fields.ToDictionary(f => f.Spec.Key);
}
