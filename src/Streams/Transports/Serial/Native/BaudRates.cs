namespace Streams.Transports.Serial.Native;

/// <summary>Maps bits per second to the <c>speed_t</c> codes of linux termios (B9600 = 015, ...).</summary>
internal static class BaudRates
{
    public static readonly IReadOnlyList<int> Supported = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];

    public static bool TryGetSpeedCode(int bitsPerSecond, out uint code)
    {
        code = bitsPerSecond switch
        {
            1200 => 0x9,        // B1200   = 011
            2400 => 0xB,        // B2400   = 013
            4800 => 0xC,        // B4800   = 014
            9600 => 0xD,        // B9600   = 015
            19200 => 0xE,       // B19200  = 016
            38400 => 0xF,       // B38400  = 017
            57600 => 0x1001,    // B57600  = 010001
            115200 => 0x1002,   // B115200 = 010002
            _ => 0,
        };
        return code != 0;
    }
}
