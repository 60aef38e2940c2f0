namespace Streams.Sources.DBus;

/// <summary>The bus refused the SASL EXTERNAL authentication, or the exchange was not understood.</summary>
public sealed class DBusAuthenticationException : DBusException
{
    public DBusAuthenticationException(string message)
        : base(message)
    {
    }
}
