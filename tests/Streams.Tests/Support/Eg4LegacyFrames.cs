using System.Buffers.Binary;
using Streams.Devices.Eg4Legacy;

namespace Streams.Tests.Support;

/// <summary>Builds structurally valid EG4 "7E … 0D" frames for tests (checksum byte arbitrary: unknown algorithm).</summary>
internal static class Eg4LegacyFrames
{
    public static byte[] Request(byte address, byte command, byte checksum = 0xFE) =>
        [Eg4LegacyLayout.Start, address, command, 0x00, checksum, Eg4LegacyLayout.End];

    /// <summary>A reply whose body is the ten groups given (type id = index + 1).</summary>
    public static byte[] Reply(byte address, byte command, ushort[][] groups, byte checksum = 0x3C)
    {
        if (groups.Length != Eg4LegacyLayout.GroupCount)
        {
            throw new ArgumentException("A reply has ten groups.", nameof(groups));
        }

        var body = new List<byte>();
        for (var g = 0; g < groups.Length; g++)
        {
            body.Add((byte)(g + 1));
            body.Add((byte)groups[g].Length);
            foreach (var word in groups[g])
            {
                var pair = new byte[2];
                BinaryPrimitives.WriteUInt16BigEndian(pair, word);
                body.AddRange(pair);
            }
        }

        return [Eg4LegacyLayout.Start, address, command, (byte)body.Count, .. body, checksum, Eg4LegacyLayout.End];
    }
}
