using FluentAssertions;
using Streams.Mqtt;
using Streams.Mqtt.Packets;
using Xunit;

namespace Streams.Tests.Mqtt;

public sealed class MqttPacketIdAllocatorTests
{
    [Fact]
    public void Ids_start_at_1_and_increase()
    {
        var ids = new MqttPacketIdAllocator();

        Allocate(ids, 3).Should().Equal(1, 2, 3);
    }

    [Fact]
    public void Ids_wrap_from_65535_to_1_never_0()
    {
        var ids = new MqttPacketIdAllocator();
        foreach (var id in Allocate(ids, 65_534))
        {
            ids.Release(id);
        }

        Allocate(ids, 3).Should().Equal(65_535, 1, 2);
    }

    [Fact]
    public void Wrapping_skips_ids_still_in_flight()
    {
        var ids = new MqttPacketIdAllocator();
        var all = Allocate(ids, 65_535);
        foreach (var id in all.Where(i => i is not (1 or 3)))
        {
            ids.Release(id);
        }

        // 1 and 3 are still awaiting their PUBACK.
        Allocate(ids, 2).Should().Equal(2, 4);
    }

    [Fact]
    public void All_65535_in_flight_means_no_more_ids()
    {
        var ids = new MqttPacketIdAllocator();
        Allocate(ids, 65_535).Distinct().Should().HaveCount(65_535);

        ids.TryAllocate(out var none).Should().BeFalse();
        none.Should().Be(0);

        ids.Release(777).Should().BeTrue();
        ids.TryAllocate(out var freed).Should().BeTrue();
        freed.Should().Be(777);
    }

    [Fact]
    public void Releasing_an_unknown_id_is_reported_not_thrown()
    {
        var ids = new MqttPacketIdAllocator();

        ids.Release(42).Should().BeFalse();
        ids.InUseCount.Should().Be(0);
    }

    [Fact]
    public void In_flight_store_sends_in_order_within_the_window_and_completes_by_id()
    {
        var ids = new MqttPacketIdAllocator();
        var store = new MqttInFlightStore(ids);
        var a = new MqttInFlightPublish("a", default, retain: false);
        var b = new MqttInFlightPublish("b", default, retain: false);
        var c = new MqttInFlightPublish("c", default, retain: false);
        store.Enqueue(a);
        store.Enqueue(b);
        store.Enqueue(c);

        store.TryTakeNextUnsent(maxSent: 2, out var first).Should().BeTrue();
        store.TryTakeNextUnsent(maxSent: 2, out var second).Should().BeTrue();
        store.TryTakeNextUnsent(maxSent: 2, out _).Should().BeFalse("two are already awaiting PUBACK");

        first.Should().BeSameAs(a);
        second.Should().BeSameAs(b);
        a.Packet!.PacketId.Should().Be(1);
        b.Packet!.PacketId.Should().Be(2);
        store.Complete(2).Should().BeSameAs(b);
        store.Complete(2).Should().BeNull("a second PUBACK for the same id is unknown");
        store.TryTakeNextUnsent(maxSent: 2, out var third).Should().BeTrue();
        third.Should().BeSameAs(c);
        store.SentSnapshot().Select(e => e.Topic).Should().Equal("a", "c");
        ids.IsInUse(2).Should().BeFalse();
    }

    [Fact]
    public void Unsent_publishes_can_be_withdrawn_sent_ones_cannot()
    {
        var store = new MqttInFlightStore(new MqttPacketIdAllocator());
        var a = new MqttInFlightPublish("a", default, retain: false);
        var b = new MqttInFlightPublish("b", default, retain: false);
        store.Enqueue(a);
        store.Enqueue(b);
        store.TryTakeNextUnsent(10, out _);

        store.RemoveUnsent(a).Should().BeFalse();
        store.RemoveUnsent(b).Should().BeTrue();
        store.Count.Should().Be(1);
    }

    [Fact]
    public void Resend_uses_the_same_id_with_dup_after_a_first_send()
    {
        var entry = new MqttInFlightPublish("a", new byte[] { 7 }, retain: true);

        var first = entry.FirstSend(5);
        var resend = entry.Resend();

        first.Dup.Should().BeFalse();
        resend.Dup.Should().BeTrue();
        resend.PacketId.Should().Be(5);
        resend.Retain.Should().BeTrue();
        resend.Qos.Should().Be(MqttQualityOfService.AtLeastOnce);
    }

    [Fact]
    public void Failing_all_releases_ids_and_faults_every_waiter()
    {
        var ids = new MqttPacketIdAllocator();
        var store = new MqttInFlightStore(ids);
        var sent = new MqttInFlightPublish("a", default, retain: false);
        var waiting = new MqttInFlightPublish("b", default, retain: false);
        store.Enqueue(sent);
        store.Enqueue(waiting);
        store.TryTakeNextUnsent(1, out _);

        store.FailAll(new ObjectDisposedException("client"));

        ids.InUseCount.Should().Be(0);
        store.Count.Should().Be(0);
        sent.Acknowledged.Task.IsFaulted.Should().BeTrue();
        waiting.Acknowledged.Task.IsFaulted.Should().BeTrue();
    }

    private static List<ushort> Allocate(MqttPacketIdAllocator ids, int count)
    {
        var result = new List<ushort>(count);
        for (var i = 0; i < count; i++)
        {
            ids.TryAllocate(out var id).Should().BeTrue();
            result.Add(id);
        }

        return result;
    }
}
