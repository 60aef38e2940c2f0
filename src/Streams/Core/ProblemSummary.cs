using System.Runtime.InteropServices;

namespace Streams.Core;

/// <summary>
/// The pack's problem summary from its single problem bits: <see cref="CommonFields.Problem"/> on
/// when any is set, and <see cref="CommonFields.ActiveProblems"/> naming those that are.
/// </summary>
internal static class ProblemSummary
{
    /// <summary>The text when no bit is set.</summary>
    public const string None = "none";

    /// <summary>Home Assistant keeps at most 255 characters of a sensor state; longer text is cut with an ellipsis.</summary>
    public const int MaxLength = 255;

    // Per thread, so that readings decoded on different threads never share them.
    [ThreadStatic]
    private static List<string>? t_active;
    [ThreadStatic]
    private static (string[] Names, string Text)[]? t_recent;
    [ThreadStatic]
    private static int t_nextRecent;

    /// <summary>Texts kept per thread: one per pack of a bus that is read in turns, up to this many packs.</summary>
    private const int RecentTexts = 16;

    /// <summary>How many fields <see cref="AddTo"/> adds at most.</summary>
    public const int FieldCount = 2;

    /// <summary>True for a single problem bit (not the summary itself).</summary>
    public static bool IsBit(FieldSpec spec) => spec.Kind == FieldKind.Problem && spec != CommonFields.Problem;

    /// <summary>Appends the summary of <paramref name="fields"/>' own problem bits to them (<see cref="CommonFields.Problem"/> and <see cref="CommonFields.ActiveProblems"/>, unless they carry a summary already).</summary>
    public static void AddTo(List<FieldValue> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (Summary(CollectionsMarshal.AsSpan(fields)) is { } summary)
        {
            fields.Add(summary.Problem);
            fields.Add(summary.Active);
        }
    }

    /// <remarks>
    /// Once per reading over ~120 fields: a span, no list unless a bit is set, and the text of a
    /// recent reading again when the same bits are set (a pack's problems change seldom, and the packs of a bus are read in turns).
    /// </remarks>
    private static (FieldValue Problem, FieldValue Active)? Summary(ReadOnlySpan<FieldValue> fields)
    {
        var hasBits = false;
        var active = t_active ??= [];
        active.Clear();
        foreach (ref readonly var field in fields)
        {
            var spec = field.Spec;
            if (spec.Kind != FieldKind.Problem)
            {
                continue;
            }

            if (spec == CommonFields.Problem)
            {
                return null;
            }

            hasBits = true;
            if (field.Flag == true)
            {
                active.Add(spec.Name);
            }
        }

        if (!hasBits)
        {
            return null;
        }

        return (FieldValue.Of(CommonFields.Problem, active.Count > 0), FieldValue.Of(CommonFields.ActiveProblems, Text(active)));
    }

    private static string Text(List<string> active)
    {
        if (active.Count == 0)
        {
            return None;
        }

        var recent = t_recent ??= new (string[], string)[RecentTexts];
        var names = CollectionsMarshal.AsSpan(active);
        foreach (var (known, knownText) in recent)
        {
            if (known is not null && names.SequenceEqual(known))
            {
                return knownText;
            }
        }

        var text = Joined(active);
        recent[t_nextRecent] = ([.. active], text);
        t_nextRecent = (t_nextRecent + 1) % RecentTexts;
        return text;
    }

    /// <summary><c>a, b, c</c>, cut to <see cref="MaxLength"/> with an ellipsis: one string, written once.</summary>
    internal static string Joined(List<string> names)
    {
        const string Separator = ", ";
        var length = (names.Count - 1) * Separator.Length;
        foreach (var name in names)
        {
            length += name.Length;
        }

        var cut = length > MaxLength;
        return string.Create(cut ? MaxLength : length, (names, cut), static (text, state) =>
        {
            var (names, cut) = state;
            var room = text[..(cut ? text.Length - 1 : text.Length)];
            for (var i = 0; i < names.Count && !room.IsEmpty; i++)
            {
                if (i > 0)
                {
                    room = Append(room, Separator);
                }

                room = Append(room, names[i]);
            }

            if (cut)
            {
                text[^1] = '…';
            }
        });
    }

    /// <summary>As much of <paramref name="part"/> as fits at the start of <paramref name="room"/>; the room left.</summary>
    private static Span<char> Append(Span<char> room, string part)
    {
        var taken = Math.Min(part.Length, room.Length);
        part.AsSpan(0, taken).CopyTo(room);
        return room[taken..];
    }
}
