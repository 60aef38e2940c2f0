using System.Globalization;
using System.Text.Json.Nodes;
using FluentAssertions;
using Streams.Core;
using Streams.HomeAssistant;
using Xunit;

namespace Streams.Tests.HomeAssistant;

public class StatePayloadTests
{
    [Fact]
    public void Numbers_use_the_invariant_culture_whatever_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        // The process runs in invariant-globalization mode, so build a decimal-comma culture by hand.
        var decimalComma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        decimalComma.NumberFormat.NumberDecimalSeparator = ",";
        CultureInfo.CurrentCulture = decimalComma;
        53.66.ToString(CultureInfo.CurrentCulture).Should().Be("53,66", "the test culture really has a decimal comma");
        try
        {
            var payload = StatePayload.Build(HaReadings.Eg4());
            payload.Should().Contain("\"pack_voltage\":53.66").And.Contain("\"power\":64.39").And.NotContain("53,66");
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Values_keep_their_decoded_precision_and_flags_are_on_off()
    {
        // Vector jbd-04-sp04s034-a: the average cell voltage has more digits than its display precision (3).
        var reading = HaReadings.Jbd();
        var state = JsonNode.Parse(StatePayload.Build(reading))!.AsObject();
        var average = reading.Fields.Single(f => f.Spec.Key == "cell_voltage_average").Number!.Value;

        state["cell_voltage_average"]!.GetValue<double>().Should().Be(average);
        state["charge_mosfet"]!.GetValue<string>().Should().Be("ON");
        state["protection_short_circuit"]!.GetValue<string>().Should().Be("OFF");
        state["timestamp"]!.GetValue<string>().Should().Be("2026-01-02T12:00:00Z");
    }

    [Fact]
    public void Announced_fields_missing_from_the_reading_are_null_and_non_finite_numbers_never_appear()
    {
        var spec = new FieldSpec("ghost", "Ghost", "V", "voltage", "measurement", 2);
        var nan = new FieldSpec("nan", "NaN", "V", "voltage", "measurement", 2);
        var reading = new Reading(HaReadings.Eg4Device(), HaReadings.Noon, [FieldValue.Of(nan, double.NaN), FieldValue.Of(CommonFields.Current, -0.0)]);

        var payload = StatePayload.Build(reading, [spec]);

        payload.Should().Be("""{"ghost":null,"nan":null,"current":0,"timestamp":"2026-01-02T12:00:00Z"}""");
    }
}
