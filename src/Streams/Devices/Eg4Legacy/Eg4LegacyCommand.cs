namespace Streams.Devices.Eg4Legacy;

/// <summary>Commands of the EG4 LifePower (v1) "7E … 0D" protocol.</summary>
internal enum Eg4LegacyCommand : byte
{
    GeneralStatus = 0x01,
    FirmwareVersion = 0x33,
    HardwareVersion = 0x42,
}
