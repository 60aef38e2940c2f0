using System.Buffers.Binary;
using Streams.Devices.Jbd;

namespace Streams.Tests.Support;

/// <summary>Builds valid JBD "DD … 77" frames for tests.</summary>
internal static class JbdFrames
{
    /// <summary><c>DD byte1 byte2 len data chkHi chkLo 77</c>.</summary>
    public static byte[] Frame(byte byte1, byte byte2, params byte[] data)
    {
        var frame = new byte[JbdLayout.Overhead + data.Length];
        frame[0] = JbdLayout.Start;
        frame[1] = byte1;
        frame[2] = byte2;
        frame[3] = (byte)data.Length;
        data.CopyTo(frame, 4);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4 + data.Length), JbdChecksum.Compute(frame.AsSpan(2, 2 + data.Length)));
        frame[^1] = JbdLayout.End;
        return frame;
    }

    public static byte[] ReadRequest(byte register) => Frame(JbdLayout.ReadMarker, register);

    public static byte[] Response(byte register, byte status, params byte[] data) => Frame(register, status, data);
}
