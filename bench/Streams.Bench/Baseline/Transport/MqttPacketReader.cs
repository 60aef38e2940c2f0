using Streams.Bench.Baseline.Formatter;
using Streams.Bench.Baseline.Packets;

namespace Streams.Bench.Baseline.Transport;

/// <summary>
/// Reads whole packets from a stream: accumulates bytes, lets <see cref="MqttFramer"/> find the
/// boundaries and <see cref="MqttPacketDecoder"/> decode. Keeps leftover bytes between calls (the
/// broker may send a PUBLISH right behind the CONNACK). Not thread-safe: one reader loop.
/// </summary>
internal sealed class MqttPacketReader(Stream stream, int maxPacketSize)
{
    private const int InitialSize = 4096;
    private const int ShrinkAbove = 64 * 1024;
    private byte[] _buffer = new byte[InitialSize];
    private int _start;
    private int _end;

    /// <summary>The next packet, or null when the broker closed the stream cleanly between packets.</summary>
    public async ValueTask<MqttPacket?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var packet = TryTakePacket(out var needed);
            if (packet is not null)
            {
                return packet;
            }

            MakeRoom(needed);
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return _end == _start
                    ? null
                    : throw new EndOfStreamException($"broker closed the connection in the middle of a packet ({_end - _start} byte(s) pending)");
            }

            _end += read;
        }
    }

    private MqttPacket? TryTakePacket(out int needed)
    {
        var available = _buffer.AsSpan(_start, _end - _start);
        var status = MqttFramer.TryReadFrame(available, out var frame);
        if (status == MqttFrameStatus.Malformed)
        {
            throw new MqttProtocolViolationException("broker sent a Remaining Length longer than four bytes");
        }

        if (frame.HeaderLength > 0 && frame.TotalLength > maxPacketSize)
        {
            throw new MqttProtocolViolationException($"broker sent a {frame.TotalLength}-byte packet; the limit is {maxPacketSize}");
        }

        if (status == MqttFrameStatus.NeedMoreData)
        {
            needed = frame.HeaderLength > 0 ? frame.TotalLength : 5;
            return null;
        }

        var packet = MqttPacketDecoder.Decode(frame.FirstByte, available.Slice(frame.HeaderLength, frame.RemainingLength));
        _start += frame.TotalLength;
        if (_start == _end)
        {
            _start = _end = 0;
            if (_buffer.Length > ShrinkAbove)
            {
                _buffer = new byte[InitialSize];
            }
        }

        needed = 0;
        return packet;
    }

    private void MakeRoom(int needed)
    {
        var pending = _end - _start;
        if (_start > 0 && (_buffer.Length - _end < 1024 || _buffer.Length - _start < needed))
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
            _start = 0;
            _end = pending;
        }

        if (_buffer.Length < needed || _buffer.Length == _end)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }
    }
}
