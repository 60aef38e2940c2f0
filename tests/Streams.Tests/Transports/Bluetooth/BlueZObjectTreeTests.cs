using Streams.Devices.Jbd.Ble;
using Streams.Transports.Bluetooth;
using Tmds.DBus.Protocol;
using Xunit;

namespace Streams.Tests.Transports.Bluetooth;

public sealed class BlueZObjectTreeTests
{
    private const string Device = "/org/bluez/hci0/dev_A4_C1_37_04_2D_BE";
    private static readonly GattProfile Jbd = JbdGattProfile.Profile;

    private static readonly BlueZObjectTree Tree = new(new[]
    {
        One("/org/bluez/hci0", BlueZ.Adapter, new() { ["Powered"] = true }),
        One("/org/bluez/hci2", BlueZ.Adapter, new() { ["Powered"] = false }),
        One("/org/bluez/hci1/dev_A4_C1_37_04_2D_BE", BlueZ.Device, new() { ["Address"] = "A4:C1:37:04:2D:BE", ["Adapter"] = Path("/org/bluez/hci1") }),
        One(Device, BlueZ.Device, new()
        {
            ["Address"] = "A4:C1:37:04:2D:BE", ["Adapter"] = Path("/org/bluez/hci0"), ["RSSI"] = (short)-70, ["Alias"] = "xiaoxiang BMS",
            ["UUIDs"] = VariantValue.Array(new[] { Jbd.Service }),
        }),
        One(Device + "/service0008", BlueZ.GattService, new() { ["UUID"] = BleUuids.FromShort(0x180A) }),
        One(Device + "/service0008/char0009", BlueZ.GattCharacteristic, new() { ["UUID"] = Jbd.Notify, ["Service"] = Path(Device + "/service0008") }),
        One(Device + "/service0010", BlueZ.GattService, new() { ["UUID"] = Jbd.Service.ToUpperInvariant() }),
        One(Device + "/service0010/char0011", BlueZ.GattCharacteristic, new()
        {
            ["UUID"] = Jbd.Notify, ["Service"] = Path(Device + "/service0010"), ["Flags"] = VariantValue.Array(new[] { "read", "notify" }),
        }),
        One(Device + "/service0010/char0015", BlueZ.GattCharacteristic, new()
        {
            ["UUID"] = Jbd.Write, ["Service"] = Path(Device + "/service0010"), ["Flags"] = VariantValue.Array(new[] { "write" }),
        }),
    }.ToDictionary(o => o.Path));

    [Fact]
    public void The_device_is_found_by_address_on_its_own_adapter_only()
    {
        Assert.Equal(Device, Tree.FindDevice("/org/bluez/hci0", "a4:c1:37:04:2d:be"));
        Assert.Null(Tree.FindDevice("/org/bluez/hci0", "A4:C1:37:04:2D:BF"));
        Assert.True(Tree.HasAdapter("/org/bluez/hci0"));
        Assert.False(Tree.HasAdapter("/org/bluez/hci1"));
        Assert.Equal(["hci0", "hci2"], Tree.AdapterNames());
    }

    [Fact]
    public void Characteristics_are_taken_from_the_profiles_service_only()
    {
        var notify = Tree.FindCharacteristic(Device, Jbd.Service, Jbd.Notify);
        var write = Tree.FindCharacteristic(Device, Jbd.Service, Jbd.Write);

        Assert.Equal(Device + "/service0010/char0011", notify?.Path);
        Assert.Equal(["read", "notify"], notify?.Flags);
        Assert.Equal("request", write?.WriteType);
        Assert.Null(Tree.FindCharacteristic("/org/bluez/hci0/dev_00", Jbd.Service, Jbd.Notify));
        Assert.Null(Tree.FindCharacteristic(Device, BleUuids.FromShort(0x180A), Jbd.Write));
    }

    [Fact]
    public void A_scan_sees_each_device_of_the_adapter_with_its_name_signal_and_services()
    {
        var (path, sighting) = Assert.Single(Tree.Devices("/org/bluez/hci0"));

        Assert.Equal(Device, path);
        Assert.Equal(("A4:C1:37:04:2D:BE", "xiaoxiang BMS", (short?)-70), (sighting.Address, sighting.Name, sighting.Rssi));
        Assert.Equal([Jbd.Service], sighting.ServiceUuids);
        Assert.True(sighting.Advertises(Jbd.Service.ToUpperInvariant()));
    }

    [Fact]
    public void Properties_of_another_type_than_BlueZ_documents_read_as_missing()
    {
        var odd = new Dictionary<string, VariantValue> { ["RSSI"] = -70, ["Connected"] = "yes", ["UUIDs"] = VariantValue.Array(new[] { 1, 2 }), ["Value"] = "x" };

        Assert.Null(BlueZProperties.Rssi(odd));
        Assert.Null(BlueZProperties.Flag(odd, "Connected"));
        Assert.Empty(BlueZProperties.Strings(odd, "UUIDs"));
        Assert.Null(BlueZProperties.Bytes(odd, "Value"));
        Assert.Null(BlueZProperties.Text(odd, "Name"));
    }

    private static VariantValue Path(string path) => VariantValue.ObjectPath(new ObjectPath(path));

    private static BlueZObject One(string path, string name, Dictionary<string, VariantValue> properties) =>
        new(path, new Dictionary<string, IReadOnlyDictionary<string, VariantValue>> { [name] = properties });
}
