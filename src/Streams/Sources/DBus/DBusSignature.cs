using System.Collections.Immutable;

namespace Streams.Sources.DBus;

/// <summary>
/// Parses and validates D-Bus signatures (a sequence of complete types) following the
/// specification's rules: at most 255 characters, at most 32 nested arrays and 32 nested
/// structs, dict entries only directly inside arrays with a basic key, no empty structs.
/// </summary>
public static class DBusSignature
{
    public const int MaxLength = 255;
    public const int MaxArrayDepth = 32;
    public const int MaxStructDepth = 32;

    /// <summary>Parses a signature; throws <see cref="ArgumentException"/> when it is not valid.</summary>
    public static ImmutableArray<DBusType> Parse(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return TryParse(signature, out var types, out var error)
            ? types
            : throw new ArgumentException($"Invalid D-Bus signature '{signature}': {error}", nameof(signature));
    }

    /// <summary>Parses a signature that must hold exactly one complete type.</summary>
    public static DBusType ParseSingle(string signature)
    {
        var types = Parse(signature);
        return types.Length == 1
            ? types[0]
            : throw new ArgumentException($"D-Bus signature '{signature}' is not a single complete type.", nameof(signature));
    }

    public static bool TryParse(string signature, out ImmutableArray<DBusType> types, out string error)
    {
        types = [];
        if (signature.Length > MaxLength)
        {
            error = $"longer than {MaxLength} characters";
            return false;
        }

        var builder = ImmutableArray.CreateBuilder<DBusType>();
        var position = 0;
        while (position < signature.Length)
        {
            var type = ParseOne(signature, ref position, 0, 0, false, out error);
            if (type is null)
            {
                return false;
            }

            builder.Add(type);
        }

        types = builder.ToImmutable();
        error = string.Empty;
        return true;
    }

    /// <summary>The concatenated signature of a sequence of types.</summary>
    public static string Of(IEnumerable<DBusType> types) => string.Concat(types.Select(t => t.Signature));

    private static DBusType? ParseOne(string text, ref int position, int arrayDepth, int structDepth, bool insideArray, out string error)
    {
        if (position >= text.Length)
        {
            error = "a container ends before its element type";
            return null;
        }

        var code = text[position++];
        switch (code)
        {
            case 'y': error = string.Empty; return DBusType.Byte;
            case 'b': error = string.Empty; return DBusType.Boolean;
            case 'n': error = string.Empty; return DBusType.Int16;
            case 'q': error = string.Empty; return DBusType.UInt16;
            case 'i': error = string.Empty; return DBusType.Int32;
            case 'u': error = string.Empty; return DBusType.UInt32;
            case 'x': error = string.Empty; return DBusType.Int64;
            case 't': error = string.Empty; return DBusType.UInt64;
            case 'd': error = string.Empty; return DBusType.Double;
            case 's': error = string.Empty; return DBusType.String;
            case 'o': error = string.Empty; return DBusType.ObjectPath;
            case 'g': error = string.Empty; return DBusType.SignatureType;
            case 'h': error = string.Empty; return DBusType.UnixFd;
            case 'v': error = string.Empty; return DBusType.Variant;
            case 'a':
                if (arrayDepth + 1 > MaxArrayDepth)
                {
                    error = $"more than {MaxArrayDepth} nested arrays";
                    return null;
                }

                var element = ParseOne(text, ref position, arrayDepth + 1, structDepth, true, out error);
                return element is null ? null : DBusType.ArrayOf(element);
            case '(':
                return ParseStruct(text, ref position, arrayDepth, structDepth, out error);
            case '{':
                if (!insideArray)
                {
                    error = "a dict entry outside an array";
                    return null;
                }

                return ParseDictEntry(text, ref position, arrayDepth, structDepth, out error);
            default:
                error = $"unexpected '{code}' at {position - 1}";
                return null;
        }
    }

    private static DBusType? ParseStruct(string text, ref int position, int arrayDepth, int structDepth, out string error)
    {
        if (structDepth + 1 > MaxStructDepth)
        {
            error = $"more than {MaxStructDepth} nested structs";
            return null;
        }

        var fields = new List<DBusType>();
        while (position < text.Length && text[position] != ')')
        {
            var field = ParseOne(text, ref position, arrayDepth, structDepth + 1, false, out error);
            if (field is null)
            {
                return null;
            }

            fields.Add(field);
        }

        if (position >= text.Length)
        {
            error = "a struct is not closed";
            return null;
        }

        position++;
        if (fields.Count == 0)
        {
            error = "an empty struct";
            return null;
        }

        error = string.Empty;
        return DBusType.StructOf([.. fields]);
    }

    private static DBusType? ParseDictEntry(string text, ref int position, int arrayDepth, int structDepth, out string error)
    {
        if (structDepth + 1 > MaxStructDepth)
        {
            error = $"more than {MaxStructDepth} nested structs";
            return null;
        }

        var key = ParseOne(text, ref position, arrayDepth, structDepth + 1, false, out error);
        if (key is null)
        {
            return null;
        }

        if (!key.IsBasic)
        {
            error = $"dict entry key '{key.Signature}' is not a basic type";
            return null;
        }

        var value = ParseOne(text, ref position, arrayDepth, structDepth + 1, false, out error);
        if (value is null)
        {
            return null;
        }

        if (position >= text.Length || text[position] != '}')
        {
            error = "a dict entry does not hold exactly two types";
            return null;
        }

        position++;
        return DBusType.DictEntryOf(key, value);
    }
}
