using Streams.Core;

namespace Streams.Derived;

/// <summary>How the derived operators extend a reading: its own fields first, then theirs.</summary>
internal static class DerivedFieldList
{
    public static FieldListBuilder Extending(IReadOnlyList<FieldValue> fields, int more)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var builder = new FieldListBuilder(fields.Count + more);
        foreach (var field in fields)
        {
            builder.Add(field);
        }

        return builder;
    }
}
