using System.Globalization;
using System.Text;

namespace Streams.Sources.DBus;

/// <summary>Renders values in a GVariant-like text form for logs and test failure messages.</summary>
internal static class DBusValueText
{
    public static string Format(DBusValue value)
    {
        var builder = new StringBuilder();
        Append(builder, value);
        return builder.ToString();
    }

    private static void Append(StringBuilder text, DBusValue value)
    {
        var culture = CultureInfo.InvariantCulture;
        switch (value)
        {
            case DBusByte v: text.Append(culture, $"0x{v.Value:x2}"); break;
            case DBusBoolean v: text.Append(v.Value ? "true" : "false"); break;
            case DBusInt16 v: text.Append(culture, $"int16 {v.Value}"); break;
            case DBusUInt16 v: text.Append(culture, $"uint16 {v.Value}"); break;
            case DBusInt32 v: text.Append(culture, $"{v.Value}"); break;
            case DBusUInt32 v: text.Append(culture, $"uint32 {v.Value}"); break;
            case DBusInt64 v: text.Append(culture, $"int64 {v.Value}"); break;
            case DBusUInt64 v: text.Append(culture, $"uint64 {v.Value}"); break;
            case DBusDouble v: text.Append(v.Value.ToString("R", culture)); break;
            case DBusUnixFd v: text.Append(culture, $"handle {v.Value}"); break;
            case DBusString v: AppendQuoted(text, v.Value); break;
            case DBusObjectPath v: text.Append("objectpath "); AppendQuoted(text, v.Value); break;
            case DBusSignatureValue v: text.Append("signature "); AppendQuoted(text, v.Value); break;
            case DBusVariant v: text.Append('<'); Append(text, v.Value); text.Append('>'); break;
            case DBusByteArray v:
                text.Append("[");
                text.AppendJoin(", ", v.ToArray().Select(b => $"0x{b:x2}"));
                text.Append(']');
                break;
            case DBusArray v:
                text.Append('@').Append(v.Type.Signature).Append(" [");
                AppendJoined(text, v.Items);
                text.Append(']');
                break;
            case DBusStruct v:
                text.Append('(');
                AppendJoined(text, v.Fields);
                text.Append(')');
                break;
            case DBusDictionary v:
                text.Append('@').Append(v.Type.Signature).Append(" {");
                for (var i = 0; i < v.Entries.Length; i++)
                {
                    text.Append(i == 0 ? string.Empty : ", ");
                    Append(text, v.Entries[i].Key);
                    text.Append(": ");
                    Append(text, v.Entries[i].Value);
                }

                text.Append('}');
                break;
            default:
                text.Append(value.GetType().Name);
                break;
        }
    }

    private static void AppendJoined(StringBuilder text, IReadOnlyList<DBusValue> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ");
            Append(text, values[i]);
        }
    }

    private static void AppendQuoted(StringBuilder text, string value) =>
        text.Append('\'').Append(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)).Append('\'');
}
