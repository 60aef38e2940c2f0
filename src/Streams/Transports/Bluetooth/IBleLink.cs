namespace Streams.Transports.Bluetooth;

/// <summary>
/// One Bluetooth LE peripheral (a BMS dongle) reachable through some stack: BlueZ over D-Bus in
/// production (<see cref="BlueZLink"/>), a scripted fake in tests.
/// </summary>
internal interface IBleLink : IDisposable
{
    /// <summary>The peripheral's address, <c>AA:BB:CC:DD:EE:FF</c>.</summary>
    string Address { get; }

    /// <summary>
    /// Cold: each subscription connects once, resolves the GATT services, subscribes to the notify
    /// characteristic, emits the ready connection and completes. Fails with
    /// <see cref="BleUnavailableException"/> (no adapter, device not found, no such service) or the
    /// stack's error. Disposing the subscription before it emits abandons the attempt.
    /// </summary>
    IObservable<IBleConnection> Connect();
}
