using System.Security.Cryptography;
using Google.Protobuf;
using Streams.Transports.Esphome.Noise;

namespace Streams.Transports.Esphome.Framing;

/// <summary>The encrypted API after the handshake: each message encrypted into one <see cref="NoiseFramer"/> frame.</summary>
internal sealed class NoiseCodec(CipherState send, CipherState receive, string proxy) : IApiCodec, IDisposable
{
    private readonly ByteQueue _received = new();

    public byte[] Encode(IMessage message) =>
        NoiseFramer.Write(send.EncryptWithAd([], NoiseMessage.Write(ApiMessages.IdOf(message), message.ToByteArray())));

    public IReadOnlyList<IMessage> Decode(ReadOnlySpan<byte> chunk)
    {
        _received.Append(chunk);
        var messages = new List<IMessage>();
        while (true)
        {
            var buffered = _received.Span;
            switch (NoiseFramer.TryRead(buffered, out var consumed, out var frame, out var fault))
            {
                case FrameRead.NeedMore:
                    return messages;
                case FrameRead.Invalid:
                    throw FrameFaults.ToException(fault, proxy);
            }

            byte[] plaintext;
            try
            {
                plaintext = receive.DecryptWithAd([], buffered[frame]);
            }
            catch (CryptographicException error)
            {
                throw new EsphomeApiException($"ESPHome API encryption error from {proxy}: a frame does not decrypt ({error.Message})", error);
            }

            if (!NoiseMessage.TryRead(plaintext, out var type, out var payload))
            {
                throw new EsphomeApiException($"ESPHome API protocol error from {proxy}: a decrypted frame of {plaintext.Length} bytes has no valid header");
            }

            if (ApiMessages.Parse(type, plaintext.AsSpan(payload)) is { } message)
            {
                messages.Add(message);
            }

            _received.Consume(consumed);
        }
    }

    public void Dispose()
    {
        send.Dispose();
        receive.Dispose();
    }
}
