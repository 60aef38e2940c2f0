using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Streams.Config.Loading;

/// <summary>
/// Replaces <c>${NAME}</c> in a scalar with the environment variable NAME, so secrets can stay out of the
/// file. <c>$${</c> writes a literal <c>${</c>; any other <c>$</c> is kept as it is.
/// </summary>
internal static class EnvironmentSubstitution
{
    public static bool TrySubstitute(
        string text,
        Func<string, string?> environment,
        [NotNullWhen(true)] out string? result,
        [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            result = text;
            return true;
        }

        var builder = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && i + 2 < text.Length && text[i + 1] == '$' && text[i + 2] == '{')
            {
                builder.Append("${");
                i += 3;
                continue;
            }

            if (text[i] != '$' || i + 1 >= text.Length || text[i + 1] != '{')
            {
                builder.Append(text[i]);
                i++;
                continue;
            }

            var close = text.IndexOf('}', i + 2);
            if (close < 0)
            {
                result = null;
                error = "'${' without a closing '}' (write '$${' for a literal '${')";
                return false;
            }

            var name = text[(i + 2)..close];
            if (!IsVariableName(name))
            {
                result = null;
                error = $"{ConfigText.Quote("${" + name + "}")} is not a valid environment variable reference (letters, digits and '_', not starting with a digit)";
                return false;
            }

            var value = environment(name);
            if (value is null)
            {
                result = null;
                error = $"environment variable {name} is not set";
                return false;
            }

            builder.Append(value);
            i = close + 1;
        }

        result = builder.ToString();
        return true;
    }

    private static bool IsVariableName(string name) =>
        name.Length > 0
        && !char.IsAsciiDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
