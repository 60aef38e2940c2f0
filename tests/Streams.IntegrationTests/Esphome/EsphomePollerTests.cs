using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using FluentAssertions;
using Streams.Core;
using Streams.Devices.Jbd.Ble;
using Streams.IntegrationTests.Bluetooth;
using Streams.Polling;
using Xunit;

namespace Streams.IntegrationTests.Esphome;

/// <summary>The JBD BLE poller, unchanged, over the ESPHome link: the first poll decodes the vectors through the fake proxy, and a MOSFET command goes over it.</summary>
public sealed class EsphomePollerTests
{
    [Fact]
    public async Task The_jbd_poller_polls_through_the_proxy()
    {
        using var fake = await FakeEsphomeProxy.StartAsync(encrypted: true);
        using var client = new ProxyClient(fake);
        using var commands = new Subject<SwitchCommand>();
        var options = new JbdBleOptions("p", FakeEsphomeProxy.BmsMac, null, AllowControl: true, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2));
        using var polls = new PollLog(JbdBlePoller.Polls(client.Link, options, commands, TaskPoolScheduler.Default, new PollerOptions(Serilog.Core.Logger.None)));

        var poll = await polls.NextSuccessAsync(ProxyClient.Wait);

        var fields = poll.Reading!.Fields.ToDictionary(f => f.Spec.Key);
        var basic = JbdVectors.Expected("jbd-03-sp04s034-a");
        fields["pack_voltage"].Number.Should().Be(basic.GetProperty("total_voltage_v").GetDouble());
        fields["state_of_charge"].Number.Should().Be(basic.GetProperty("soc_pct").GetInt32());
        fields["cell_01_voltage"].Number.Should().Be(JbdVectors.Expected("jbd-04-sp04s034-a").GetProperty("cell_voltages_v")[0].GetDouble());
        fields["ble_rssi"].Number.Should().Be(-62);
        poll.Device.Model.Should().Be(JbdVectors.Expected("jbd-05-protocol-doc").GetProperty("model").GetString());

        commands.OnNext(new SwitchCommand("p", "charge_mosfet", false));
        var after = await polls.NextAsync(p => p.Outcome.Succeeded && p.Reading!.Fields.Single(f => f.Spec.Key == "charge_mosfet").Flag == false, ProxyClient.Wait);
        after.Reading!.Fields.Single(f => f.Spec.Key == "discharge_mosfet").Flag.Should().Be(basic.GetProperty("discharge_fet_on").GetBoolean());
    }
}
