namespace Streams.Transports.Bluetooth;

/// <summary>
/// BlueZ (or the bus on its behalf) answered a call with a D-Bus error such as
/// <c>org.bluez.Error.NotConnected</c>. The message is one line: the call, the error name and its text.
/// </summary>
internal sealed class BlueZErrorException : Exception
{
    public BlueZErrorException(string call, string errorName, string errorText, Exception? innerException = null)
        : base($"BlueZ answered {call} with {errorName}: {OneLine(errorText)}", innerException)
    {
        Call = call;
        ErrorName = errorName;
    }

    /// <summary><c>Device1.Connect</c>.</summary>
    public string Call { get; }

    /// <summary><c>org.bluez.Error.Failed</c>.</summary>
    public string ErrorName { get; }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
