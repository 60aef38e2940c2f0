using Streams.Transports.Bluetooth.Proxies;

namespace Streams.Transports.Bluetooth;

/// <summary>Starting and stopping LE discovery on an adapter, tolerating what BlueZ says when others discover too.</summary>
internal static class BlueZDiscovery
{
    /// <summary>
    /// Asks for LE only (older BlueZ without filters discovers everything, which is fine), then
    /// starts; <c>InProgress</c> means somebody else is already discovering, and the devices show up all the same.
    /// </summary>
    public static async Task StartAsync(Adapter1Proxy adapter, CancellationToken cancellationToken)
    {
        try
        {
            await adapter.SetDiscoveryFilterAsync("le", cancellationToken).ConfigureAwait(false);
        }
        catch (BlueZErrorException)
        {
            // A filter is an optimisation; discovery works without one.
        }

        try
        {
            await adapter.StartDiscoveryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BlueZErrorException error) when (error.ErrorName == BlueZ.Errors.InProgress)
        {
        }
    }

    /// <summary>Stops discovery; it may already have stopped, or BlueZ gone away: nothing to undo then.</summary>
    public static async Task StopAsync(Adapter1Proxy adapter)
    {
        try
        {
            await adapter.StopDiscoveryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception error) when (error is BlueZErrorException or TimeoutException or BleLinkLostException)
        {
        }
    }
}
