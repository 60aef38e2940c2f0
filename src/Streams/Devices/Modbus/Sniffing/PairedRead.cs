namespace Streams.Devices.Modbus.Sniffing;

/// <summary>
/// A fn 0x03 response paired with the query it answers: which unit, which registers, their values.
/// </summary>
/// <param name="Address">The unit address of the query and the response.</param>
/// <param name="StartRegister">The first register, from the query (a response does not repeat it).</param>
/// <param name="Registers">The register values, from the response; owned by this record.</param>
/// <param name="At">When the response was paired, by the scheduler given to the operator; null without one.</param>
internal sealed record PairedRead(byte Address, ushort StartRegister, ushort[] Registers, DateTimeOffset? At)
{
    /// <summary>The value of absolute register <paramref name="register"/>, if this read covers it.</summary>
    public bool TryGetRegister(int register, out ushort value)
    {
        var index = register - StartRegister;
        if (index >= 0 && index < Registers.Length)
        {
            value = Registers[index];
            return true;
        }

        value = 0;
        return false;
    }
}
