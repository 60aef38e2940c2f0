using Streams.Devices.Eg4Legacy;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Jbd;

namespace Streams.Core;

/// <summary>Every field a device kind can publish, for sinks that announce entities up front.</summary>
public static class FieldCatalogue
{
    /// <summary>The catalogue of <paramref name="deviceKind"/> (one of <see cref="DeviceKinds"/>).</summary>
    /// <exception cref="ArgumentException">an unknown device kind.</exception>
    public static IReadOnlyList<FieldSpec> For(string deviceKind) => deviceKind switch
    {
        DeviceKinds.Eg4Ll => Eg4LlFields.All,
        DeviceKinds.Eg4Legacy => Eg4LegacyFields.All,
        DeviceKinds.Jbd => JbdFields.All,
        DeviceKinds.JbdBle => [.. JbdFields.All, .. BleLinkFields.All],
        _ => throw new ArgumentException($"no field catalogue for device kind '{deviceKind}'", nameof(deviceKind)),
    };
}
