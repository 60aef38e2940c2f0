using System.Reactive.Linq;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Jbd;
using Streams.Devices.Modbus;
using Streams.Transports.Serial;

namespace Streams.IntegrationTests.Polling;

/// <summary>
/// A device on the master side of a real pty, answering requests it reads there with frames made by
/// the protocol builders: EG4-LL packs (status and identity reads) or a JBD BMS. Disposing it unplugs
/// the device (the app's side gets a hangup).
/// </summary>
internal sealed class PtyResponder : IDisposable
{
    // Vectors jbd-03-sp04s034-a and jbd-04-sp04s034-a (syssi/esphome-jbd-bms captures, tests/vectors/frames.json).
    private static readonly byte[] JbdBasicInfo = Convert.FromHexString("dd03001d0618000001f201f400002c7c00000000000080640304030b8b0b8a0b84fa8d77");
    private static readonly byte[] JbdCells = Convert.FromHexString("dd0400080f450f3d0f370f3dfec677");

    private readonly PseudoTerminal _pty;
    private readonly IDisposable _answering;
    private int _requests;

    private PtyResponder(PseudoTerminal pty, Func<IObservable<ReadOnlyMemory<byte>>, IObservable<byte[]>> answer)
    {
        _pty = pty;
        _answering = answer(pty.Master.Received.Do(_ => Interlocked.Increment(ref _requests)))
            .Subscribe(reply => pty.Master.Write(reply), static _ => { }, static () => { });
    }

    /// <summary>What the code under test opens (the symlink when one was asked for).</summary>
    public string Path => _pty.Path;

    /// <summary>Chunks of request bytes received so far.</summary>
    public int RequestChunks => Volatile.Read(ref _requests);

    /// <summary>EG4-LL packs at <paramref name="addresses"/>; other addresses get no answer.</summary>
    public static PtyResponder Eg4Packs(string? linkPath, params byte[] addresses) =>
        new(PseudoTerminal.Open(linkPath), chunks => chunks
            .FrameModbusRtu()
            .Where(frame => frame.Kind == ModbusFrameKind.Query && addresses.Contains(frame.Address))
            .Select(query => ModbusReplyTo(query)));

    /// <summary>A JBD BMS answering 0x03 and 0x04 (0x05 unanswered: its model stays unknown).</summary>
    public static PtyResponder Jbd(string? linkPath = null) =>
        new(PseudoTerminal.Open(linkPath), chunks => chunks
            .FrameJbd()
            .Where(frame => frame.Kind == JbdFrameKind.ReadRequest && frame.Register is 0x03 or 0x04)
            .Select(frame => frame.Register == 0x03 ? JbdBasicInfo : JbdCells));

    /// <summary>A port whose device never answers (a dead pack on a working adapter).</summary>
    public static PtyResponder Silent(string? linkPath = null) =>
        new(PseudoTerminal.Open(linkPath), _ => Observable.Never<byte[]>());

    public void Dispose()
    {
        _answering.Dispose();
        _pty.Dispose();
    }

    private static byte[] ModbusReplyTo(ModbusFrame query)
    {
        var count = query.RegisterCount;
        return query.StartRegister switch
        {
            0 => ModbusResponses.Registers(query.Address, Eg4LlRegisterEncoder.EncodeStatus(Status(query.Address), count)),
            Eg4LlRegisterMap.IdentityStart => ModbusResponses.Registers(
                query.Address, Eg4LlRegisterEncoder.EncodeIdentity(new Eg4LlIdentity("LFP-51.2V100Ah", "Z02T04", $"SN{query.Address:D4}"))),
            _ => ModbusResponses.Exception(query.Address, 2, 0x03),
        };
    }

    /// <summary>A healthy 16-cell pack whose state of charge is its address (so readings tell packs apart).</summary>
    private static Eg4LlStatus Status(byte address) => new(
        PackVoltage: 53.1,
        Current: 1.5,
        CellMillivolts: Enumerable.Repeat((ushort)3318, 16).ToArray(),
        ReportedCellCount: 16,
        PcbTemperature: 25,
        MaxTemperature: 26,
        AverageTemperature: 25,
        RemainingCapacity: 80,
        MaxChargeCurrent: 50,
        StateOfHealth: 100,
        StateOfCharge: address,
        StatusWord: 1,
        WarningBits: 0,
        ProtectionBits: 0,
        ErrorBits: 0,
        Cycles: 7,
        FullCapacityMilliampSeconds: 360_000_000,
        SensorTemperatures: [24, 24, null, null, null, null],
        DesignedCapacityTenthsAh: 1000,
        BalancingBits: 0,
        Registers: []);
}
