using FluentAssertions;
using Streams.Mqtt;
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
    public void In_flight_store_keeps_publish_order_and_completes_by_id()
    {
        var ids = new MqttPacketIdAllocator();
        var store = new MqttInFlightStore(ids);
        var a = store.Add(id => new MqttInFlightPublish(new() { Topic = "a", Qos = Streams.Mqtt.Packets.MqttQualityOfService.AtLeastOnce, PacketId = id }));
        var b = store.Add(id => new MqttInFlightPublish(new() { Topic = "b", Qos = Streams.Mqtt.Packets.MqttQualityOfService.AtLeastOnce, PacketId = id }));
        var c = store.Add(id => new MqttInFlightPublish(new() { Topic = "c", Qos = Streams.Mqtt.Packets.MqttQualityOfService.AtLeastOnce, PacketId = id }));

        store.Complete(b.Packet.PacketId).Should().BeSameAs(b);
        store.Complete(b.Packet.PacketId).Should().BeNull("a second PUBACK for the same id is unknown");

        store.Snapshot().Select(e => e.Packet.Topic).Should().Equal("a", "c");
        ids.IsInUse(b.Packet.PacketId).Should().BeFalse();
        ids.IsInUse(a.Packet.PacketId).Should().BeTrue();
        c.Acknowledged.Task.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public void Resend_uses_the_same_id_with_dup_only_after_a_first_send()
    {
        var entry = new MqttInFlightPublish(new() { Topic = "a", Qos = Streams.Mqtt.Packets.MqttQualityOfService.AtLeastOnce, PacketId = 5 });

        entry.PacketForSend().Dup.Should().BeFalse();
        entry.Sent = true;
        var resend = entry.PacketForSend();

        resend.Dup.Should().BeTrue();
        resend.PacketId.Should().Be(5);
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
