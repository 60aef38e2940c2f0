using Streams.Core;

namespace Streams.Derived;

/// <summary>What a bank says after each change of its packs: its reading, or null while no pack is online (the bank is unavailable).</summary>
internal sealed record BankUpdate(DeviceInfo Device, Reading? Reading)
{
    public bool Online => Reading is not null;

    public override string ToString() => Online ? $"{Device.Name}: {Reading!.Fields.Count} fields" : $"{Device.Name}: unavailable";
}
