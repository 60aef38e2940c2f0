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

    /// <summary>True for a single problem bit (not the summary itself).</summary>
    public static bool IsBit(FieldSpec spec) => spec.Kind == FieldKind.Problem && spec != CommonFields.Problem;

    /// <summary>The two summary fields for <paramref name="fields"/>, or none when they hold no problem bit or already carry a summary.</summary>
    public static IReadOnlyList<FieldValue> For(IReadOnlyList<FieldValue> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (!fields.Any(f => IsBit(f.Spec)) || fields.Any(f => f.Spec == CommonFields.Problem))
        {
            return [];
        }

        var active = fields.Where(f => IsBit(f.Spec) && f.Flag == true).Select(f => f.Spec.Name).ToList();
        return
        [
            FieldValue.Of(CommonFields.Problem, active.Count > 0),
            FieldValue.Of(CommonFields.ActiveProblems, Text(active)),
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
