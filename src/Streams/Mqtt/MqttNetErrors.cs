using System.Net.Sockets;
using System.Security.Authentication;
using MQTTnet;
using MQTTnet.Exceptions;

namespace Streams.Mqtt;

/// <summary>
/// What MQTTnet's results and exceptions mean for the bridge, as the exceptions the reconnect loop
/// classifies: <see cref="MqttConnectionRefusedException"/> and <see cref="AuthenticationException"/>
/// retry slowly, everything else backs off.
/// </summary>
internal static class MqttNetErrors
{
    /// <summary>A refusing CONNACK: MQTTnet returns it as a result code instead of throwing.</summary>
    public static MqttConnectionRefusedException Refusal(MqttClientConnectResult result)
    {
        var code = result.ResultCode switch
        {
            MqttClientConnectResultCode.UnsupportedProtocolVersion => MqttConnectReturnCode.UnacceptableProtocolVersion,
            MqttClientConnectResultCode.ClientIdentifierNotValid => MqttConnectReturnCode.IdentifierRejected,
            MqttClientConnectResultCode.ServerUnavailable or MqttClientConnectResultCode.ServerBusy => MqttConnectReturnCode.ServerUnavailable,
            MqttClientConnectResultCode.BadUserNameOrPassword => MqttConnectReturnCode.BadUsernameOrPassword,
            MqttClientConnectResultCode.NotAuthorized => MqttConnectReturnCode.NotAuthorized,
            _ => MqttConnectReturnCode.Other,
        };
        var reason = string.IsNullOrEmpty(result.ReasonString) ? result.ResultCode.ToString() : $"{result.ResultCode}: {result.ReasonString}";
        return new MqttConnectionRefusedException(code, MqttConnectionRefusedException.Describe(code, reason));
    }

    /// <summary>
    /// A failed ConnectAsync. A TLS trust failure becomes an <see cref="AuthenticationException"/>;
    /// so does a TLS connection the broker closed before CONNACK, which is how a missing or rejected
    /// client certificate shows under TLS 1.3 (the handshake itself succeeds), and is retried slowly.
    /// </summary>
    public static Exception ConnectFailure(Exception error, MqttClientOptions options)
    {
        if (Find<AuthenticationException>(error) is { } tls)
        {
            return new AuthenticationException(tls.Message, error);
        }

        // Under TLS 1.3 the broker's verdict on a client certificate arrives after the handshake
        // "succeeded": as a reset while finishing it, sending CONNECT or waiting for CONNACK. Only a
        // failure to reach the broker at all is an ordinary connection failure.
        var broker = $"{options.Host}:{options.Port}";
        var socket = Find<SocketException>(error);
        if (options.Tls is not null && (socket is null || !CouldNotReach(socket)))
        {
            return new AuthenticationException(options.Tls.ClientCertificateFile is null
                ? $"broker {broker} closed the TLS connection before CONNACK; does it require a client certificate (mqtt.tls.cert_file, key_file)?"
                : $"broker {broker} closed the TLS connection before CONNACK; the client certificate was probably rejected", error);
        }

        if (socket is not null)
        {
            return new IOException($"cannot reach {broker}: {socket.Message}", error);
        }

        return new IOException($"connecting to {broker} failed: {Innermost(error).Message}", error);
    }

    /// <summary>True for what MQTTnet throws when the connection is gone: publishing while disconnected throws rather than waits.</summary>
    public static bool IsConnectionGone(Exception error) =>
        error is MqttClientNotConnectedException or MqttClientDisconnectedException or MqttCommunicationException or ObjectDisposedException or IOException;

    /// <summary>Why an accepted connection ended, from MQTTnet's DisconnectedAsync arguments.</summary>
    public static MqttConnectionLostException Lost(MqttClientDisconnectedEventArgs disconnected) =>
        disconnected.Exception is { } error
            ? new MqttConnectionLostException($"connection lost: {Innermost(error).Message}", error)
            : new MqttConnectionLostException($"broker closed the connection ({disconnected.Reason})");

    private static bool CouldNotReach(SocketException socket) => socket.SocketErrorCode is
        SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable
        or SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData or SocketError.TimedOut
        or SocketError.AddressNotAvailable or SocketError.NetworkDown;

    private static T? Find<T>(Exception error)
        where T : Exception
    {
        for (Exception? current = error; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception error)
    {
        var current = error;
        while (current.InnerException is not null)
        {
            current = current.InnerException;
        }

        return current;
    }
}
