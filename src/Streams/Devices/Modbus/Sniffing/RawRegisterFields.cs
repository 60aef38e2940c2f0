using System.Collections.Concurrent;
using System.Globalization;
using Streams.Core;

namespace Streams.Devices.Modbus.Sniffing;

/// <summary>
/// Catalogue entries for registers of unknown meaning, keyed by absolute register number
/// (<c>register_105</c>): diagnostic and disabled by default, like every raw register.
/// </summary>
public static class RawRegisterFields
{
    private static readonly ConcurrentDictionary<int, FieldSpec> Specs = new();

    public static FieldSpec For(int register) =>
        Specs.GetOrAdd(register, static r => new FieldSpec(
            Key: string.Create(CultureInfo.InvariantCulture, $"register_{r:D2}"),
            Name: string.Create(CultureInfo.InvariantCulture, $"Register {r}"),
            StateClass: "measurement",
            Precision: 0,
            Diagnostic: true,
            EnabledByDefault: false));

    public static IReadOnlyList<FieldValue> ToFields(PairedRead read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var fields = new FieldValue[read.Registers.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = FieldValue.Of(For(read.StartRegister + i), read.Registers[i]);
        }

        return fields;
    }
}
