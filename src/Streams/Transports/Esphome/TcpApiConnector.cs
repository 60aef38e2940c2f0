namespace Streams.Transports.Esphome;

/// <summary>Opens <see cref="TcpApiTransport"/>s to one endpoint.</summary>
internal sealed class TcpApiConnector(EsphomeEndpoint endpoint) : IApiConnector
{
    public string Endpoint => endpoint.Name;

    public IObservable<IApiTransport> Connect() => TcpApiTransport.Connect(endpoint);
}
