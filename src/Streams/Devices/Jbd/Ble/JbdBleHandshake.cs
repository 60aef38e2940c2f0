using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Streams.Core;
using Streams.Polling;

namespace Streams.Devices.Jbd.Ble;

/// <summary>The <c>FF AA</c> password handshake on a fresh connection (app key, random byte, password).</summary>
internal static class JbdBleHandshake
{
    /// <summary>
    /// Completes with one value when the BMS accepted <paramref name="password"/>; fails with
    /// <see cref="UnauthorizedAccessException"/> when it refused it, <see cref="InvalidDataException"/>
    /// for a malformed random byte, or the exchange's error (a timeout).
    /// </summary>
    public static IObservable<Unit> Authenticate(
        JbdBleSession session, string name, string mac, Secret password, TimeSpan timeout, IScheduler scheduler, CorrelationCounters counters)
    {
        var macBytes = Convert.FromHexString(mac.Replace(":", string.Empty, StringComparison.Ordinal));
        IObservable<JbdAuthFrame> Step(byte[] request) =>
            session.AuthFrames.RequestReply(session.Connection.Write, JbdBleRequests.Handshake(request, mac), timeout, scheduler, counters);

        return Step(JbdBleAuth.AppKey("000000"))
            .SelectMany(_ => Step(JbdBleAuth.RequestRandom()))
            .Select(random => random.Data.Count == 1
                ? random.Data[0]
                : throw new InvalidDataException($"BMS {name}: the random-byte reply has {random.Data.Count} bytes, not 1"))
            .SelectMany(random => Step(JbdBleAuth.Password(macBytes, password.Reveal(), random)))
            .Select(answer => answer.Data is [0x00]
                ? Unit.Default
                : throw new UnauthorizedAccessException($"BMS {name} refused the BLE password"));
    }
}
