using Streams.Transports.Esphome.Messages;

namespace Streams.Transports.Esphome;

/// <summary>What a proxy says about itself at connection setup (HelloResponse and DeviceInfoResponse).</summary>
internal sealed record ProxyInfo(
    string Endpoint,
    string Name,
    string Mac,
    string EsphomeVersion,
    string Model,
    uint ApiMajor,
    uint ApiMinor,
    BluetoothProxyFeatures Features,
    string BluetoothMac)
{
    public static ProxyInfo From(string endpoint, HelloResponse hello, DeviceInfoResponse info) => new(
        endpoint,
        info.Name.Length > 0 ? info.Name : hello.Name,
        info.MacAddress,
        info.EsphomeVersion,
        info.Model,
        hello.ApiVersionMajor,
        hello.ApiVersionMinor,
        (BluetoothProxyFeatures)info.BluetoothProxyFeatureFlags,
        info.BluetoothMacAddress);

    /// <summary>How logs and errors name it: <c>node (host:port)</c>.</summary>
    public string Label => Name.Length > 0 ? $"{Name} ({Endpoint})" : Endpoint;
}

/// <summary>ESPHome's BluetoothProxyFeature flags (DeviceInfoResponse.bluetooth_proxy_feature_flags).</summary>
[Flags]
internal enum BluetoothProxyFeatures : uint
{
    None = 0,
    PassiveScan = 1 << 0,
    ActiveConnections = 1 << 1,
    RemoteCaching = 1 << 2,
    Pairing = 1 << 3,
    CacheClearing = 1 << 4,
    RawAdvertisements = 1 << 5,
    StateAndMode = 1 << 6,
    ConnectionParams = 1 << 7,
}
