using System.Reactive.Linq;
using FluentAssertions;
using Streams.Composition;
using Streams.Composition.Kinds;
using Streams.Config.Model;
using Streams.Core;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Modbus;
using Streams.Tests.Polling;
using Streams.Transports.Serial;
using Xunit;

namespace Streams.Tests.Composition;

/// <summary>The registry: one entry per source kind, each building its polls from its configuration.</summary>
public class SourceKindsTests
{
    private static IObservable<PackPoll> Polls(SourceConfig source, SourceContext context) => SourceKinds.For(source).Polls(source, context);

    private static SourceContext Context(PollRun run, Func<SerialSettings, ISerialLink> open) =>
        new(run.Scheduler, run.Log, HealthConfig.Default) { Open = open };

    [Fact]
    public void An_eg4_modbus_source_opens_its_port_at_its_baud_rate_and_polls_it()
    {
        using var run = new PollRun("/dev/ttyUSB3");
        run.Port.Respond = new ModbusPackScript().Pack(1, TimeSpan.FromMilliseconds(20)).Respond;
        var opened = new List<SerialSettings>();
        var source = new Eg4ModbusSourceConfig("/dev/ttyUSB3", 19200, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 39,
            TimeSpan.FromMilliseconds(5), null, [new PackConfig("pack1", 1)]);

        run.Start(Polls(source, Context(run, settings =>
        {
            opened.Add(settings);
            return run.Port.Open();
        })));
        run.Advance(TimeSpan.FromSeconds(1));

        opened.Should().ContainSingle().Which.Should().Be(new SerialSettings("/dev/ttyUSB3", 19200));
        run.Polls.Should().ContainSingle().Which.Outcome.Succeeded.Should().BeTrue();
        run.LogLines.Should().Contain("port /dev/ttyUSB3 open");
    }

    [Fact]
    public void A_sniffer_never_writes_and_turns_each_paired_read_into_a_successful_poll()
    {
        using var run = new PollRun();
        var source = new SnifferSourceConfig("/dev/ttyFAKE0", 9600, null, [new PackConfig("upstairs", 3)]);
        var response = ModbusResponses.Registers(3, Eg4LlRegisterEncoder.EncodeStatus(SamplePacks.Status(77)));

        run.Start(Polls(source, Context(run, _ => run.Port.Open())));
        run.Port.Emit([.. ModbusReadRequest.Create(3, 0, 39), .. response]);
        run.Port.Emit([.. ModbusReadRequest.Create(4, 0, 39), .. ModbusResponses.Registers(4, Eg4LlRegisterEncoder.EncodeStatus(SamplePacks.Status(55)))]);

        run.Port.Requests.Should().BeEmpty();
        run.Polls.Select(p => (p.Device.Name, p.Outcome.Succeeded)).Should().Equal(("upstairs", true), ("lifepower4_addr_04", true));
        PollRun.Number(run.Polls[0].Reading!, Eg4LlFields.StateOfCharge).Should().Be(77);
    }

    [Fact]
    public void Every_kind_reads_its_own_record_and_names_it_as_the_record_does()
    {
        SourceKinds.All.Select(kind => kind.Kind).Should().OnlyHaveUniqueItems();
        SourceKinds.All.Select(kind => kind.ConfigType).Should().OnlyHaveUniqueItems();
        SourceConfig[] records =
        [
            new Eg4ModbusSourceConfig("/dev/a", 9600, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 39, TimeSpan.Zero, null, [new PackConfig("p", 1)]),
            new Eg4LegacySourceConfig("/dev/a", 9600, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.Zero, 16, null, [new PackConfig("p", 1)]),
            new SnifferSourceConfig("/dev/a", 9600, null, []),
            new JbdSerialSourceConfig("/dev/a", 9600, "j", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), null),
            new JbdBleSourceConfig("AA:BB:CC:DD:EE:FF", "j", "hci0", null, false, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)),
            new SimulatorSourceConfig("eg4-ll", TimeSpan.FromSeconds(10), 39, 16, [new PackConfig("p", 1)]),
        ];

        records.Select(record => SourceKinds.For(record).Kind).Should().Equal(records.Select(record => record.Kind));
        SourceKinds.All.Should().HaveCount(records.Length, "every kind has a record here");
    }

    [Fact]
    public void An_unsupported_baud_rate_is_a_one_line_argument_error_at_creation()
    {
        using var run = new PollRun();
        var source = new JbdSerialSourceConfig("/dev/ttyFAKE0", 12345, "jbd1", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), null);

        var act = () => Polls(source, Context(run, _ => run.Port.Open()));

        act.Should().Throw<ArgumentException>().WithMessage("Unsupported baud rate 12345*");
    }

    [Fact]
    public void Sources_are_cold_each_subscription_opens_the_port_again()
    {
        using var run = new PollRun();
        run.Port.Respond = new ModbusPackScript().Pack(1, TimeSpan.Zero).Respond;
        var source = new Eg4ModbusSourceConfig("/dev/ttyFAKE0", 9600, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 39,
            TimeSpan.Zero, null, [new PackConfig("pack1", 1)]);
        var polls = Polls(source, Context(run, _ => run.Port.Open()));

        run.Port.Opens.Should().Be(0, "nothing happens before subscription");
        using (polls.Subscribe(_ => { }))
        {
            run.Advance(TimeSpan.FromMilliseconds(1));
        }

        using (polls.Subscribe(_ => { }))
        {
            run.Advance(TimeSpan.FromMilliseconds(1));
        }

        run.Port.Opens.Should().Be(2);
    }
}
