using System.Collections.Concurrent;
using Streams.Core;
using Streams.Devices.Jbd.Ble;
using Streams.HomeAssistant;

namespace Streams.Composition;

/// <summary>
/// Routes Home Assistant switch commands to the poller that owns the device's connection, so a
/// MOSFET write shares the BLE link (and its one-at-a-time turn) with the polls.
/// </summary>
internal sealed class DeviceCommandRouter : IDeviceCommands
{
    private readonly ConcurrentDictionary<string, JbdBlePoller> _pollers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Reading> _latest = new(StringComparer.Ordinal);

    public IDisposable Register(string device, JbdBlePoller poller)
    {
        _pollers[device] = poller;
        return new Registration(this, device, poller);
    }

    /// <summary>Remembers each device's newest reading, the answer to <see cref="ReadNowAsync"/>.</summary>
    public void Observe(PackPoll poll)
    {
        if (poll.Reading is { } reading)
        {
            _latest[reading.Device.Name] = reading;
        }
    }

    public Task SetMosfetsAsync(string device, bool? charge, bool? discharge, CancellationToken cancellationToken) =>
        _pollers.TryGetValue(device, out var poller)
            ? poller.SetMosfetsAsync(charge, discharge).WaitAsync(cancellationToken)
            : throw new InvalidOperationException($"device {device} is not running or not controllable");

    /// <summary>
    /// The poller re-reads the BMS after every MOSFET write and that read arrives as a poll, so the
    /// newest reading already reflects the command.
    /// </summary>
    public Task<Reading?> ReadNowAsync(string device, CancellationToken cancellationToken) =>
        Task.FromResult(_latest.TryGetValue(device, out var reading) ? reading : null);

    private sealed class Registration(DeviceCommandRouter router, string device, JbdBlePoller poller) : IDisposable
    {
        public void Dispose() => router._pollers.TryRemove(new KeyValuePair<string, JbdBlePoller>(device, poller));
    }
}
