namespace Streams.Devices.Jbd;

/// <summary>Any well-formed JBD response: the register it answers, its status byte and its data.</summary>
internal sealed record JbdResponse(byte Register, byte Status, IReadOnlyList<byte> Data)
{
    public const byte StatusOk = 0x00;

    public bool IsOk => Status == StatusOk;
}
