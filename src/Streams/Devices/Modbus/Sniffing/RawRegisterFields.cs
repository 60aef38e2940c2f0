using Streams.Core;

namespace Streams.Devices.Modbus.Sniffing;

/// <summary>A read's registers as raw <c>register_NN</c> fields, keyed by absolute register number (<see cref="FieldSpecFactory.Register"/>).</summary>
internal static class RawRegisterFields
{
    public static IReadOnlyList<FieldValue> ToFields(PairedRead read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var fields = new FieldValue[read.Registers.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = FieldValue.Of(FieldSpecFactory.Register(read.StartRegister + i), read.Registers[i]);
        }

        return fields;
    }
}
