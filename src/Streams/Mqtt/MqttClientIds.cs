using System.Text;

namespace Streams.Mqtt;

/// <summary>
/// The client id a bridge uses when none is configured: its base topic and the host name, so it is
/// the same after every restart (the broker can tell a restart from a second client) and two bridges,
/// on two machines or with two base topics, never share one and take each other's session over.
/// </summary>
internal static class MqttClientIds
{
    /// <summary><c>&lt;base topic&gt;-&lt;host&gt;</c>, each reduced to <c>[A-Za-z0-9_-]</c> (a '/' of the base topic becomes '_').</summary>
    public static string Default(string baseTopic, string hostName)
    {
        ArgumentNullException.ThrowIfNull(baseTopic);
        ArgumentNullException.ThrowIfNull(hostName);
        var host = Plain(hostName.Split('.')[0]);
        return host.Length == 0 ? Plain(baseTopic) : $"{Plain(baseTopic)}-{host}";
    }

    private static string Plain(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_');
        }

        return builder.ToString();
    }
}
