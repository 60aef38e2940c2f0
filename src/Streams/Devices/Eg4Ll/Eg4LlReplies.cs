using Streams.Core;
using Streams.Devices.Modbus;

namespace Streams.Devices.Eg4Ll;

/// <summary>
/// What an EG4-LL pack's fn 0x03 reply means, for the reads this product makes: the status block
/// from register 0 and the identity block at 105. The one path from a frame to a decoded block,
/// for the poller and <c>streams decode</c> alike.
/// </summary>
internal static class Eg4LlReplies
{
    public static DecodeResult<Eg4LlStatus> Status(ModbusFrame reply) =>
        ModbusReplies.Registers(reply).Then(registers => Eg4LlDecoder.DecodeStatus(registers, 0, reply.Address));

    /// <summary>The registers of a status reply that holds the master map (a full status read, ≤ 2 non-zero values in 0..18), else null.</summary>
    public static ushort[]? MasterMap(ModbusFrame reply) =>
        ModbusReplies.Registers(reply).TryGetValue(out var registers, out _)
            && registers.Length >= Eg4LlRegisterMap.StatusCount && Eg4LlDecoder.IsMasterMap(registers)
            ? registers
            : null;

    public static DecodeResult<Eg4LlIdentity> Identity(ModbusFrame reply) =>
        ModbusReplies.Registers(reply).Then(registers => Eg4LlDecoder.DecodeIdentity(registers, Eg4LlRegisterMap.IdentityStart));
}
