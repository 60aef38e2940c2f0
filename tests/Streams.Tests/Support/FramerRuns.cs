using Streams.Framing;

namespace Streams.Tests.Support;

internal delegate bool SpanFramer(ReadOnlySpan<byte> buffer, bool endOfStream, out int consumed, out FrameBounds frame);

/// <summary>Drives a pure framer over a whole stream the way the Rx operator would, with absolute offsets.</summary>
internal static class FramerRuns
{
    public static List<(int Offset, int Length)> ScanAll(byte[] stream, SpanFramer framer)
    {
        var found = new List<(int, int)>();
        var position = 0;
        while (position < stream.Length)
        {
            if (!framer(stream.AsSpan(position), endOfStream: true, out var consumed, out var frame))
            {
                break;
            }

            found.Add((position + frame.Start, frame.Length));
            position += consumed;
        }

        return found;
    }
}
