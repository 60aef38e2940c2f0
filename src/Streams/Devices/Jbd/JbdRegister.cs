namespace Streams.Devices.Jbd;

/// <summary>Register numbers of the JBD "DD … 77" protocol used here.</summary>
internal static class JbdRegister
{
    public const byte EnterFactoryMode = 0x00;
    public const byte ExitFactoryMode = 0x01;
    public const byte BasicInfo = 0x03;
    public const byte CellVoltages = 0x04;
    public const byte HardwareVersion = 0x05;

    /// <summary>Protection event counters (<see cref="JbdErrorCounts"/>).</summary>
    public const byte ErrorCounts = 0xAA;
    public const byte MosfetControl = 0xE1;
}
