using System.Globalization;
using Streams.IntegrationTests.Simulation;
using Streams.IntegrationTests.Support;
using Streams.Transports.Tcp;

namespace Streams.IntegrationTests.Tcp;

/// <summary>libmodbus's Modbus TCP server (mbtcpslave.c) serving <see cref="KnownPack"/> as unit 7, as a gateway with one pack behind it.</summary>
internal sealed class LibmodbusGateway : IDisposable
{
    private static readonly TimeSpan ProgramTimeout = TimeSpan.FromSeconds(20);

    private readonly ChildProcess _server;

    private LibmodbusGateway(ChildProcess server, int port)
    {
        _server = server;
        Port = port;
    }

    public const byte Unit = 7;

    public int Port { get; }

    public TcpEndpoint Endpoint => TcpEndpoint.Parse($"tcp://127.0.0.1:{Port}");

    /// <summary>Starts the server on <paramref name="port"/> (0: a free one) and waits until it listens.</summary>
    public static async Task<LibmodbusGateway> StartAsync(int port = 0)
    {
        var (_, slave) = await LibmodbusPrograms.GetTcpAsync();
        var server = ChildProcess.Start(slave, [port.ToString(CultureInfo.InvariantCulture), Unit.ToString(CultureInfo.InvariantCulture), .. KnownPack.Arguments()]);
        try
        {
            var listening = await server.WaitForLineAsync(l => l.StartsWith("listening ", StringComparison.Ordinal), ProgramTimeout, "the libmodbus gateway to listen");
            return new LibmodbusGateway(server, int.Parse(listening["listening ".Length..], CultureInfo.InvariantCulture));
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Kills the server: a gateway losing power.</summary>
    public void Dispose() => _server.Dispose();
}
