using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Streams.Config.Loading;

/// <summary>Scalar rules of the YAML 1.2 core schema, which is what users expect from "a number" or "true".</summary>
internal static class ScalarParsing
{
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>Decimal, <c>0x</c> hexadecimal or <c>0o</c> octal, with an optional sign.</summary>
    public static bool TryParseInteger(string text, out long value)
    {
        value = 0;
        var span = text.AsSpan();
        var negative = false;
        if (span.Length > 0 && (span[0] == '-' || span[0] == '+'))
        {
            negative = span[0] == '-';
            span = span[1..];
        }

        bool parsed;
        if (span.StartsWith("0x"))
        {
            parsed = span.Length > 2 && long.TryParse(span[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }
        else if (span.StartsWith("0o"))
        {
            parsed = span.Length > 2 && TryParseOctal(span[2..], out value);
        }
        else
        {
            parsed = span.Length > 0 && long.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        if (parsed && negative)
        {
            value = -value;
        }

        return parsed && value is >= int.MinValue and <= int.MaxValue;
    }

    public static bool TryParseBoolean(string text, out bool value)
    {
        switch (text)
        {
            case "true" or "True" or "TRUE":
                value = true;
                return true;
            case "false" or "False" or "FALSE":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>A plain number of seconds, as the seed's <c>*_s</c> keys hold (<c>1.5</c>, <c>10</c>).</summary>
    public static bool TryParseSeconds(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var seconds)
            || !double.IsFinite(seconds)
            || Math.Abs(seconds) > DurationText.Max.TotalSeconds)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
        return true;
    }

    private static bool TryParseOctal(ReadOnlySpan<char> digits, out long value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (c is < '0' or > '7' || value > (long.MaxValue >> 3))
            {
                return false;
            }

            value = (value << 3) | (long)(c - '0');
        }

        return true;
    }
}
