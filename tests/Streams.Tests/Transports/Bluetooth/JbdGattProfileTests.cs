using Streams.Devices.Jbd.Ble;
using Streams.Transports.Bluetooth;
using Xunit;

namespace Streams.Tests.Transports.Bluetooth;

public sealed class JbdGattProfileTests
{
    [Theory]
    [InlineData("xiaoxiang BMS", false, true)]
    [InlineData("JBD-SP04S034", false, true)]
    [InlineData("SP15S001-L15S", false, true)]
    [InlineData("Pixel phone", false, false)]
    [InlineData(null, true, true)]
    public void Bms_like_devices_are_named_so_or_advertise_ff00(string? name, bool advertises, bool bmsLike)
    {
        var sighting = new BleDeviceSighting("AA:BB:CC:DD:EE:FF", name, -60, advertises ? ["0000FF00-0000-1000-8000-00805F9B34FB"] : []);

        Assert.Equal(bmsLike, JbdGattProfile.Recognizes(sighting));
    }

    [Fact]
    public void The_profile_is_ff00_with_notify_ff01_and_write_ff02()
    {
        Assert.Equal("JBD service ff00 (notify ff01, write ff02)", JbdGattProfile.Profile.ToString());
        Assert.Equal("0000ff01-0000-1000-8000-00805f9b34fb", JbdGattProfile.Profile.Notify);
    }

    [Theory]
    [InlineData("0000ff00-0000-1000-8000-00805f9b34fb", "ff00")]
    [InlineData("0000180A-0000-1000-8000-00805F9B34FB", "180a")]
    [InlineData("6e400001-b5a3-f393-e0a9-e50e24dcca9e", "6e400001-b5a3-f393-e0a9-e50e24dcca9e")]
    public void Uuids_in_the_Bluetooth_base_read_as_their_16_bit_number(string uuid, string shortForm) =>
        Assert.Equal(shortForm, BleUuids.ShortForm(uuid));
}
