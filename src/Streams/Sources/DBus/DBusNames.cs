namespace Streams.Sources.DBus;

/// <summary>
/// The specification's "Valid Names" rules. A daemon disconnects a client that sends an
/// invalid name, so outgoing messages are checked before they leave.
/// </summary>
internal static class DBusNames
{
    public const int MaxNameLength = 255;

    public static bool IsValidObjectPath(string path)
    {
        if (path.Length == 0 || path[0] != '/')
        {
            return false;
        }

        if (path.Length == 1)
        {
            return true;
        }

        var elementLength = 0;
        for (var i = 1; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '/')
            {
                if (elementLength == 0)
                {
                    return false;
                }

                elementLength = 0;
            }
            else if (IsWordChar(c))
            {
                elementLength++;
            }
            else
            {
                return false;
            }
        }

        return elementLength > 0;
    }

    /// <summary>Interface and error names: two or more dot-separated elements, none starting with a digit.</summary>
    public static bool IsValidInterfaceName(string name) => IsDottedName(name, allowHyphen: false, allowLeadingDigit: false);

    public static bool IsValidMemberName(string name)
    {
        if (name.Length is 0 or > MaxNameLength || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!IsWordChar(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsValidBusName(string name) =>
        name.StartsWith(':')
            ? IsDottedName(name[1..], allowHyphen: true, allowLeadingDigit: true, maxLength: MaxNameLength - 1)
            : IsDottedName(name, allowHyphen: true, allowLeadingDigit: false);

    public static bool IsValidErrorName(string name) => IsValidInterfaceName(name);

    private static bool IsDottedName(string name, bool allowHyphen, bool allowLeadingDigit, int maxLength = MaxNameLength)
    {
        if (name.Length == 0 || name.Length > maxLength)
        {
            return false;
        }

        var elements = 1;
        var elementLength = 0;
        foreach (var c in name)
        {
            if (c == '.')
            {
                if (elementLength == 0)
                {
                    return false;
                }

                elements++;
                elementLength = 0;
                continue;
            }

            var allowed = IsWordChar(c) || (allowHyphen && c == '-');
            if (!allowed || (elementLength == 0 && !allowLeadingDigit && char.IsAsciiDigit(c)))
            {
                return false;
            }

            elementLength++;
        }

        return elementLength > 0 && elements >= 2;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
