using Streams.Core;

namespace Streams.HomeAssistant;

/// <summary>
/// What a controllable device offers to Home Assistant switches. The JBD pollers implement it;
/// <see cref="HomeAssistantPublisher"/> calls it only for devices whose source says
/// <c>allow_control: true</c>, only with validated, non-retained commands, and one command at a time.
/// </summary>
internal interface IDeviceCommands
{
    /// <summary>Switches the charge and/or discharge MOSFET of <paramref name="device"/>; null leaves one as it is.</summary>
    Task SetMosfetsAsync(string device, bool? charge, bool? discharge, CancellationToken cancellationToken);

    /// <summary>
    /// Reads <paramref name="device"/> now, after a command (whether it worked or not), so Home
    /// Assistant sees the real state; null when the device could not be read.
    /// </summary>
    Task<Reading?> ReadNowAsync(string device, CancellationToken cancellationToken);
}
