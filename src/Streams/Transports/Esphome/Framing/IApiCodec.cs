using Google.Protobuf;

namespace Streams.Transports.Esphome.Framing;

/// <summary>One connection's message codec after any handshake: plaintext or Noise.</summary>
internal interface IApiCodec
{
    /// <summary>The bytes that carry <paramref name="message"/>; called in send order (Noise counts nonces).</summary>
    byte[] Encode(IMessage message);

    /// <summary>Takes received bytes, cut anywhere, and returns the messages completed by them (unknown types skipped).</summary>
    /// <exception cref="EsphomeApiException">the bytes break the protocol; the connection cannot go on.</exception>
    IReadOnlyList<IMessage> Decode(ReadOnlySpan<byte> chunk);
}
