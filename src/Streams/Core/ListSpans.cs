using System.Runtime.InteropServices;

namespace Streams.Core;

/// <summary>
/// A read-only list as a span, for the loops that run over every field of every reading: indexing
/// through <see cref="IReadOnlyList{T}"/> is an interface call per element in the native binary
/// (~120 fields, several passes, per reading), a span is a bounds-checked load.
/// </summary>
internal static class ListSpans
{
    /// <summary>The list's own storage for an array or a <see cref="List{T}"/>; a copy otherwise. Not to be kept.</summary>
    public static ReadOnlySpan<T> Of<T>(IReadOnlyList<T> list) => list switch
    {
        T[] array => array,
        List<T> items => CollectionsMarshal.AsSpan(items),
        _ => list.ToArray(),
    };
}
