using Google.Protobuf;
using Streams.Transports.Esphome.Messages;

namespace Streams.Transports.Esphome;

/// <summary>The device address a Bluetooth message is about, and the requests a link sends.</summary>
internal static class GattMessages
{
    /// <summary>The address of a per-device Bluetooth message; null for any other.</summary>
    public static ulong? AddressOf(IMessage message) => message switch
    {
        BluetoothDeviceConnectionResponse m => m.Address,
        BluetoothGATTGetServicesResponse m => m.Address,
        BluetoothGATTGetServicesDoneResponse m => m.Address,
        BluetoothGATTNotifyDataResponse m => m.Address,
        BluetoothGATTErrorResponse m => m.Address,
        BluetoothGATTWriteResponse m => m.Address,
        BluetoothGATTNotifyResponse m => m.Address,
        _ => null,
    };

    /// <summary>The GATT handle a per-handle message is about; null for any other.</summary>
    public static uint? HandleOf(IMessage message) => message switch
    {
        BluetoothGATTNotifyDataResponse m => m.Handle,
        BluetoothGATTErrorResponse m => m.Handle,
        BluetoothGATTWriteResponse m => m.Handle,
        BluetoothGATTNotifyResponse m => m.Handle,
        _ => null,
    };

    public static BluetoothDeviceRequest Connect(ulong address, uint addressType, bool withCache) => new()
    {
        Address = address,
        RequestType = withCache
            ? BluetoothDeviceRequestType.ConnectV3WithCache
            : BluetoothDeviceRequestType.ConnectV3WithoutCache,
        HasAddressType = true,
        AddressType = addressType,
    };

    public static BluetoothDeviceRequest Disconnect(ulong address) => new() { Address = address, RequestType = BluetoothDeviceRequestType.Disconnect };

    /// <summary>The proxy reports the device disconnected (or never connected).</summary>
    public static bool IsDisconnected(IMessage message, ulong address) =>
        message is BluetoothDeviceConnectionResponse { Connected: false } response && response.Address == address;

    /// <summary>A GATT error about <paramref name="handle"/> of <paramref name="address"/>.</summary>
    public static BluetoothGATTErrorResponse? ErrorFor(IMessage message, ulong address, uint handle) =>
        message is BluetoothGATTErrorResponse error && error.Address == address && error.Handle == handle ? error : null;
}
