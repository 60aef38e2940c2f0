using System.Runtime.InteropServices;

namespace Streams.Transports.Serial.Native;

/// <summary>
/// glibc's <c>struct termios</c> on linux-x64 (not the kernel's 36-byte <c>TCGETS</c> struct, so it
/// must only ever be passed to the libc <c>tc*</c>/<c>cf*</c> functions, never to a raw ioctl).
/// Offsets checked with <c>offsetof</c> on glibc 2.36 and pinned by a unit test:
/// <code>
///  0  c_iflag   tcflag_t (uint)
///  4  c_oflag   tcflag_t
///  8  c_cflag   tcflag_t
/// 12  c_lflag   tcflag_t
/// 16  c_line    cc_t (byte)
/// 17  c_cc[32]  cc_t[NCCS], NCCS = 32, then 3 bytes of padding
/// 52  c_ispeed  speed_t (uint)
/// 56  c_ospeed  speed_t
/// 60  (size)
/// </code>
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 60)]
internal struct Termios
{
    [FieldOffset(0)] public uint InputFlags;
    [FieldOffset(4)] public uint OutputFlags;
    [FieldOffset(8)] public uint ControlFlags;
    [FieldOffset(12)] public uint LocalFlags;
    [FieldOffset(16)] public byte LineDiscipline;
    [FieldOffset(17)] public TermiosControlChars ControlChars;
    [FieldOffset(52)] public uint InputSpeed;
    [FieldOffset(56)] public uint OutputSpeed;

    public const int VTIME = 5;
    public const int VMIN = 6;

    // c_iflag
    public const uint IXON = 0x0400;   // 02000
    public const uint IXANY = 0x0800;  // 04000
    public const uint IXOFF = 0x1000;  // 010000

    // c_cflag
    public const uint CBAUD = 0x100F;     // 010017
    public const uint CSIZE = 0x30;       // 060
    public const uint CS8 = 0x30;         // 060
    public const uint CSTOPB = 0x40;      // 0100
    public const uint CREAD = 0x80;       // 0200
    public const uint PARENB = 0x100;     // 0400
    public const uint PARODD = 0x200;     // 01000
    public const uint CLOCAL = 0x800;     // 04000
    public const uint CRTSCTS = 0x80000000; // 020000000000

    // c_lflag
    public const uint ISIG = 0x1;     // 01
    public const uint ICANON = 0x2;   // 02
    public const uint ECHO = 0x8;     // 010
}
