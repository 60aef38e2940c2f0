namespace Streams.Config.Model;

/// <summary>The serial speeds the sources accept (the ones every USB RS-485 adapter and BMS supports).</summary>
internal static class SerialBaud
{
    /// <summary>The default speed of every serial source.</summary>
    public const int Default = 9600;

    /// <summary>9600, 19200, 38400 and 115200.</summary>
    public static IReadOnlyList<int> Supported { get; } = [9600, 19200, 38400, 115200];
}
