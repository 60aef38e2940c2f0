using Serilog;
using Streams.Transports.Serial;

namespace Streams.Polling.Bus;

/// <summary>Logs a port's statuses without repeating an outage on every reopen attempt: the first loss at warning, later attempts at debug.</summary>
internal sealed class LinkStatusLog(ILogger log, string port)
{
    private bool _outageLogged;

    public void Write(LinkStatus status)
    {
        switch (status)
        {
            case LinkStatus.Connected:
                _outageLogged = false;
                log.Information("port {Port:l} open", port);
                break;
            case LinkStatus.Disconnected lost when !_outageLogged:
                _outageLogged = true;
                log.Warning("port {Port:l} disconnected: {Reason:l}", port, lost.Reason.Message);
                break;
            case LinkStatus.Disconnected lost:
                log.Debug("port {Port:l} still disconnected: {Reason:l}", port, lost.Reason.Message);
                break;
            case LinkStatus.RetryIn retry:
                log.Debug("port {Port:l}: reopen attempt {Attempt} in {Delay}", port, retry.Attempt, retry.Delay);
                break;
        }
    }
}
