using Streams.Sources.Bluetooth;
using Streams.Sources.DBus;
using Xunit;
using Interfaces = System.Collections.Generic.IReadOnlyDictionary<string, System.Collections.Generic.IReadOnlyDictionary<string, Streams.Sources.DBus.DBusValue>>;

namespace Streams.Tests.Sources.Bluetooth;

public sealed class BlueZObjectsTests
{
    private const string Device = "/org/bluez/hci0/dev_A4_C1_37_04_2D_BE";

    private static readonly Dictionary<string, Interfaces> Tree = new()
    {
        ["/org/bluez/hci0"] = One(BlueZ.Adapter, new() { ["Powered"] = true }),
        ["/org/bluez/hci1/dev_A4_C1_37_04_2D_BE"] = One(BlueZ.Device, new() { ["Address"] = "A4:C1:37:04:2D:BE", ["Adapter"] = new DBusObjectPath("/org/bluez/hci1") }),
        [Device] = One(BlueZ.Device, new() { ["Address"] = "A4:C1:37:04:2D:BE", ["Adapter"] = new DBusObjectPath("/org/bluez/hci0"), ["RSSI"] = (short)-70 }),
        [Device + "/service0008"] = One(BlueZ.GattService, new() { ["UUID"] = BleUuids.FromShort(0x180A) }),
        [Device + "/service0008/char0009"] = One(BlueZ.GattCharacteristic, new() { ["UUID"] = BleUuids.JbdNotify, ["Service"] = new DBusObjectPath(Device + "/service0008") }),
        [Device + "/service0010"] = One(BlueZ.GattService, new() { ["UUID"] = BleUuids.JbdService.ToUpperInvariant() }),
        [Device + "/service0010/char0011"] = One(BlueZ.GattCharacteristic, new()
        {
            ["UUID"] = BleUuids.JbdNotify, ["Service"] = new DBusObjectPath(Device + "/service0010"), ["Flags"] = DBusArray.OfStrings(["read", "notify"]),
        }),
        [Device + "/service0010/char0015"] = One(BlueZ.GattCharacteristic, new()
        {
            ["UUID"] = BleUuids.JbdWrite, ["Service"] = new DBusObjectPath(Device + "/service0010"), ["Flags"] = DBusArray.OfStrings(["write"]),
        }),
    };

    [Fact]
    public void The_device_is_found_by_address_on_its_own_adapter_only()
    {
        Assert.Equal(Device, BlueZObjects.FindDevice(Tree, "/org/bluez/hci0", "a4:c1:37:04:2d:be"));
        Assert.Null(BlueZObjects.FindDevice(Tree, "/org/bluez/hci0", "A4:C1:37:04:2D:BF"));
        Assert.True(BlueZObjects.HasAdapter(Tree, "/org/bluez/hci0"));
        Assert.False(BlueZObjects.HasAdapter(Tree, "/org/bluez/hci1"));
    }

    [Fact]
    public void Characteristics_are_taken_from_the_ff00_service_only()
    {
        var notify = BlueZObjects.FindCharacteristic(Tree, Device, BleUuids.JbdService, BleUuids.JbdNotify);
        var write = BlueZObjects.FindCharacteristic(Tree, Device, BleUuids.JbdService, BleUuids.JbdWrite);

        Assert.Equal(Device + "/service0010/char0011", notify?.Path);
        Assert.Equal("request", write?.WriteType);
        Assert.Null(BlueZObjects.FindCharacteristic(Tree, "/org/bluez/hci0/dev_00", BleUuids.JbdService, BleUuids.JbdNotify));
    }

    [Theory]
    [InlineData("xiaoxiang BMS", false, true)]
    [InlineData("JBD-SP04S034", false, true)]
    [InlineData("SP15S001-L15S", false, true)]
    [InlineData("Pixel phone", false, false)]
    [InlineData(null, true, true)]
    public void Bms_like_devices_are_named_so_or_advertise_ff00(string? name, bool advertises, bool bmsLike)
    {
        var sighting = new BleDeviceSighting("AA:BB:CC:DD:EE:FF", name, -60, advertises ? [BleUuids.JbdService] : []);

        Assert.Equal(bmsLike, sighting.LooksLikeBms);
    }

    private static Interfaces One(string name, Dictionary<string, DBusValue> properties) =>
        new Dictionary<string, IReadOnlyDictionary<string, DBusValue>> { [name] = properties };
}
