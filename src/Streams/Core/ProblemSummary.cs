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

    /// <summary>How many fields <see cref="For"/> returns at most.</summary>
    public const int FieldCount = 2;

    /// <summary>True for a single problem bit (not the summary itself).</summary>
    public static bool IsBit(FieldSpec spec) => spec.Kind == FieldKind.Problem && spec != CommonFields.Problem;

    /// <summary>The two summary fields for <paramref name="fields"/>, or none when they hold no problem bit or already carry a summary.</summary>
    public static IReadOnlyList<FieldValue> For(IReadOnlyList<FieldValue> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);

        // Once per reading over ~120 fields: plain loops, and a list only when a problem is active.
        var hasBits = false;
        List<string>? active = null;
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            if (field.Spec == CommonFields.Problem)
            {
                return [];
            }

            if (IsBit(field.Spec))
            {
                hasBits = true;
                if (field.Flag == true)
                {
                    (active ??= []).Add(field.Spec.Name);
                }
            }
        }

        if (!hasBits)
        {
            return [];
        }

        return
        [
            FieldValue.Of(CommonFields.Problem, active is not null),
            FieldValue.Of(CommonFields.ActiveProblems, active is null ? None : Text(active)),
        ];
    }

    private static string Text(IReadOnlyList<string> active)
    {
        if (active.Count == 0)
        {
            return None;
        }

        var text = string.Join(", ", active);
        return text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength - 1), "…");
    }
}
