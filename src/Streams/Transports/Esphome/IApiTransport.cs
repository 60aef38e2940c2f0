using Google.Protobuf;

namespace Streams.Transports.Esphome;

/// <summary>
/// One open API connection below the protocol: messages in, messages out. Over TCP in production
/// (<see cref="TcpApiTransport"/>), scripted in unit tests.
/// </summary>
internal interface IApiTransport : IDisposable
{
    /// <summary>
    /// The messages received, from the first subscription on (one subscriber). Fails with
    /// <see cref="EsphomeApiException"/> when the connection breaks or the proxy closes it.
    /// Disposing the subscription closes the connection.
    /// </summary>
    IObservable<IMessage> Messages { get; }

    /// <summary>The node name the Noise server hello carried, if any.</summary>
    string? ServerName { get; }

    /// <summary>Queues <paramref name="message"/>; messages leave in call order. Never throws: a broken connection fails <see cref="Messages"/>.</summary>
    void Send(IMessage message);
}

/// <summary>Opens API connections to one proxy.</summary>
internal interface IApiConnector
{
    /// <summary>How the proxy is named in messages: <c>host:port</c>.</summary>
    string Endpoint { get; }

    /// <summary>Cold: each subscription connects (and does the Noise handshake), emits the transport and completes.</summary>
    IObservable<IApiTransport> Connect();
}
