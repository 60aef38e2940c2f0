using System.Runtime.InteropServices;

namespace Streams.Transports.Serial.Native;

/// <summary>
/// The kernel's <c>struct serial_rs485</c> (linux/serial.h, 32 bytes): flags, two RTS delays in
/// milliseconds, then 5 reserved words (addressing fields on newer kernels, zero here).
/// Passed to <c>ioctl(TIOCSRS485)</c>, which takes the kernel struct directly.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
internal struct SerialRs485
{
    [FieldOffset(0)] public uint Flags;
    [FieldOffset(4)] public uint DelayRtsBeforeSendMs;
    [FieldOffset(8)] public uint DelayRtsAfterSendMs;

    public const uint Enabled = 1 << 0;
    public const uint RtsOnSend = 1 << 1;
    public const uint RtsAfterSend = 1 << 2;
    public const uint RxDuringTx = 1 << 4;

    public const uint TIOCSRS485 = 0x542F;
}
