using Streams.Core;
using Streams.HomeAssistant;

namespace Streams.Tests.HomeAssistant;

/// <summary>Records MOSFET commands and answers the read-back with <see cref="NextReading"/>.</summary>
internal sealed class FakeDeviceCommands : IDeviceCommands
{
    public List<(string Device, bool? Charge, bool? Discharge)> Commands { get; } = [];

    public List<string> Reads { get; } = [];

    public Reading? NextReading { get; set; }

    public Exception? FailSet { get; set; }

    public Task SetMosfetsAsync(string device, bool? charge, bool? discharge, CancellationToken cancellationToken)
    {
        Commands.Add((device, charge, discharge));
        return FailSet is { } failure ? Task.FromException(failure) : Task.CompletedTask;
    }

    public Task<Reading?> ReadNowAsync(string device, CancellationToken cancellationToken)
    {
        Reads.Add(device);
        return Task.FromResult(NextReading);
    }
}
