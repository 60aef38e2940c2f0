using Streams.Core;
using Streams.Devices.Eg4Ll;
using Streams.Devices.Modbus;

namespace Streams.Tests.Support;

/// <summary>Whole EG4-LL reply frames decoded along the bridge's one path: <see cref="ModbusFrame.Parse"/>, then <see cref="Eg4LlReplies"/>.</summary>
internal static class Eg4LlFrames
{
    public static DecodeResult<Eg4LlStatus> DecodeStatus(ReadOnlySpan<byte> frame) => ModbusFrame.Parse(frame).Then(Eg4LlReplies.Status);

    public static DecodeResult<Eg4LlIdentity> DecodeIdentity(ReadOnlySpan<byte> frame) => ModbusFrame.Parse(frame).Then(Eg4LlReplies.Identity);
}
