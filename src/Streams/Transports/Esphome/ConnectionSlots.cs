using Streams.Transports.Esphome.Messages;

namespace Streams.Transports.Esphome;

/// <summary>The proxy's BLE connection slots (BluetoothConnectionsFreeResponse): how many are free and who holds the others.</summary>
internal sealed record ConnectionSlots(uint Free, uint Limit, IReadOnlyList<ulong> Allocated)
{
    public static ConnectionSlots From(BluetoothConnectionsFreeResponse response) =>
        new(response.Free, response.Limit, response.Allocated.Where(a => a != 0).ToArray());

    /// <summary>A connect to <paramref name="address"/> would find no slot: none free and none already held by it.</summary>
    public bool FullFor(ulong address) => Free == 0 && !Allocated.Contains(address);

    public override string ToString() =>
        $"{Free} of {Limit} free{(Allocated.Count > 0 ? $", in use by {string.Join(", ", Allocated.Select(BleAddress.Format))}" : string.Empty)}";
}
