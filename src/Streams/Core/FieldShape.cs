namespace Streams.Core;

/// <summary>
/// A reading's field specs in order: the per-reading caches (a sniffed slave's slots, a device's
/// announced keys) recognise a shape they have seen by reference, without hashing ~120 keys.
/// </summary>
internal static class FieldShape
{
    /// <summary>True when <paramref name="fields"/> carry exactly <paramref name="specs"/>, the same instances in the same order.</summary>
    public static bool Same(FieldSpec[] specs, ReadOnlySpan<FieldValue> fields)
    {
        if (fields.Length != specs.Length)
        {
            return false;
        }

        for (var i = 0; i < specs.Length; i++)
        {
            if (!ReferenceEquals(fields[i].Spec, specs[i]))
            {
                return false;
            }
        }

        return true;
    }
}
