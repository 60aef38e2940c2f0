using Google.Protobuf;

namespace Streams.Transports.Esphome.Framing;

/// <summary>The plaintext API: <see cref="PlaintextFramer"/> frames around protobuf payloads.</summary>
internal sealed class PlaintextCodec(string proxy) : IApiCodec
{
    private readonly ByteQueue _received = new();

    public byte[] Encode(IMessage message) => PlaintextFramer.Write(ApiMessages.IdOf(message), message.ToByteArray());

    public IReadOnlyList<IMessage> Decode(ReadOnlySpan<byte> chunk)
    {
        _received.Append(chunk);
        var messages = new List<IMessage>();
        while (true)
        {
            var buffered = _received.Span;
            switch (PlaintextFramer.TryRead(buffered, out var consumed, out var type, out var payload, out var fault))
            {
                case FrameRead.NeedMore:
                    return messages;
                case FrameRead.Invalid:
                    throw FrameFaults.ToException(fault, proxy);
            }

            if (ApiMessages.Parse(type, buffered[payload]) is { } message)
            {
                messages.Add(message);
            }

            _received.Consume(consumed);
        }
    }
}
