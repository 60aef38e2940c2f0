using Streams.Core;

namespace Streams.Derived;

/// <summary>The device a bank appears as: its configured name, protocol <c>bank</c>, made by this bridge.</summary>
internal static class BankDevice
{
    /// <summary>The protocol (device kind) of bank devices, for a field catalogue entry (<see cref="BankFields.All"/>).</summary>
    public const string Protocol = "bank";

    public static DeviceInfo For(BankOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DeviceInfo(options.Name, Protocol, "Streams", $"Bank of {options.Packs.Count} pack(s)");
    }
}
