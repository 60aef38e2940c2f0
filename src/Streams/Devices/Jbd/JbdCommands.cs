namespace Streams.Devices.Jbd;

/// <summary>Builds JBD requests: <c>DD A5 reg 00 chk 77</c> reads and <c>DD 5A reg len data chk 77</c> writes.</summary>
internal static class JbdCommands
{
    private const byte ChargeOffBit = 0x01;
    private const byte DischargeOffBit = 0x02;

    public static byte[] Read(byte register) => JbdLayout.Build(JbdLayout.ReadMarker, register, []);

    /// <exception cref="ArgumentOutOfRangeException">more than 255 data bytes.</exception>
    public static byte[] Write(byte register, ReadOnlySpan<byte> data)
    {
        return JbdLayout.Build(JbdLayout.WriteMarker, register, data);
    }

    /// <summary><c>DD A5 03 00 FF FD 77</c>.</summary>
    public static byte[] ReadBasicInfo() => Read(JbdRegister.BasicInfo);

    /// <summary><c>DD A5 04 00 FF FC 77</c>.</summary>
    public static byte[] ReadCellVoltages() => Read(JbdRegister.CellVoltages);

    /// <summary><c>DD A5 05 00 FF FB 77</c>.</summary>
    public static byte[] ReadHardwareVersion() => Read(JbdRegister.HardwareVersion);

    /// <summary>
    /// The 0xE1 data byte: a SET bit DISABLES a MOSFET (bit 0 charge, bit 1 discharge), so
    /// 0 = both on, 1 = charge off, 2 = discharge off, 3 = both off.
    /// </summary>
    public static byte MosfetControlValue(bool chargeOn, bool dischargeOn) =>
        (byte)((chargeOn ? 0 : ChargeOffBit) | (dischargeOn ? 0 : DischargeOffBit));

    /// <summary><c>DD 5A E1 02 00 XX chk 77</c> with XX from <see cref="MosfetControlValue"/>.</summary>
    public static byte[] SetMosfets(bool chargeOn, bool dischargeOn) =>
        Write(JbdRegister.MosfetControl, [0x00, MosfetControlValue(chargeOn, dischargeOn)]);

    /// <summary><c>DD 5A 00 02 56 78 chk 77</c>: some firmware accepts 0xE1 only in factory mode.</summary>
    public static byte[] EnterFactoryMode() => Write(JbdRegister.EnterFactoryMode, [0x56, 0x78]);

    /// <summary><c>DD 5A 01 02 00 00 chk 77</c>.</summary>
    public static byte[] ExitFactoryMode() => Write(JbdRegister.ExitFactoryMode, [0x00, 0x00]);
}
