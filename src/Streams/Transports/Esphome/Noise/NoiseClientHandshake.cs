using System.Security.Cryptography;
using System.Text;
using Streams.Transports.Esphome.Framing;

namespace Streams.Transports.Esphome.Noise;

/// <summary>
/// The client side of ESPHome's encrypted API setup, as a state machine over received bytes:
/// <list type="number">
/// <item>send an empty client hello frame and, at once, the first handshake message (<c>0x00</c> + <c>psk, e</c>);</item>
/// <item>read the server hello: <c>0x01</c> (the chosen protocol), the node name, <c>\0</c>, the MAC (12 lower-case hex digits, since 2025.4), <c>\0</c>;</item>
/// <item>read the handshake answer: <c>0x00</c> + <c>e, ee</c>, or <c>0x01</c> + a reason (<c>Handshake MAC failure</c>: a wrong key).</item>
/// </list>
/// The prologue is <c>NoiseAPIInit</c> followed by the client hello as the proxy frames it in its
/// prologue (its 16-bit length and its bytes): for our empty hello, <c>NoiseAPIInit\0\0</c>.
/// </summary>
internal sealed class NoiseClientHandshake : IDisposable
{
    private static readonly byte[] Prologue = "NoiseAPIInit\0\0"u8.ToArray();

    private readonly NnPsk0Handshake _noise;
    private readonly string _proxy;
    private readonly ByteQueue _received = new();
    private bool _helloRead;

    public NoiseClientHandshake(ReadOnlySpan<byte> psk, string proxy, Func<X25519KeyPair>? newEphemeral = null)
    {
        _noise = new NnPsk0Handshake(initiator: true, Prologue, psk, newEphemeral);
        _proxy = proxy;
    }

    /// <summary>The node name from the server hello (null before it, or from a firmware older than 2022.2).</summary>
    public string? ServerName { get; private set; }

    /// <summary>The MAC from the server hello (null before it, or from a firmware older than 2025.4).</summary>
    public string? ServerMac { get; private set; }

    /// <summary>What to send first: the client hello and the first handshake message.</summary>
    public byte[] Start() => [.. NoiseFramer.Write([]), .. NoiseFramer.Write([0x00, .. _noise.WriteMessage([])])];

    /// <summary>Takes received bytes; returns the codec once the handshake is done, else null.</summary>
    /// <param name="chunk">Bytes received, cut anywhere.</param>
    /// <param name="rest">Bytes after the handshake (already the first encrypted frames); empty until done.</param>
    /// <exception cref="EsphomeApiException">the proxy refused the key, speaks plaintext, or broke the protocol.</exception>
    public NoiseCodec? Receive(ReadOnlySpan<byte> chunk, out byte[] rest)
    {
        rest = [];
        _received.Append(chunk);
        while (true)
        {
            var buffered = _received.Span;
            switch (NoiseFramer.TryRead(buffered, out var consumed, out var frame, out var fault))
            {
                case FrameRead.NeedMore:
                    return null;
                case FrameRead.Invalid:
                    throw FrameFaults.ToException(fault, _proxy);
            }

            var payload = buffered[frame];
            if (!_helloRead)
            {
                ReadHello(payload);
                _received.Consume(consumed);
                continue;
            }

            var codec = Finish(payload);
            rest = buffered[consumed..].ToArray();
            return codec;
        }
    }

    public void Dispose() => _noise.Dispose();

    private void ReadHello(ReadOnlySpan<byte> hello)
    {
        if (hello.IsEmpty || hello[0] != 0x01)
        {
            throw new EsphomeApiException($"ESPHome API handshake with {_proxy} failed: the proxy chose protocol {(hello.IsEmpty ? "none" : $"0x{hello[0]:X2}")}, not Noise_NNpsk0 (0x01)");
        }

        var fields = hello[1..];
        var nameEnd = fields.IndexOf((byte)0);
        if (nameEnd >= 0)
        {
            ServerName = Encoding.UTF8.GetString(fields[..nameEnd]);
            var macField = fields[(nameEnd + 1)..];
            var macEnd = macField.IndexOf((byte)0);
            ServerMac = macEnd >= 0 ? Encoding.UTF8.GetString(macField[..macEnd]) : null;
        }

        _helloRead = true;
    }

    private NoiseCodec Finish(ReadOnlySpan<byte> answer)
    {
        if (answer.IsEmpty)
        {
            throw new EsphomeApiException($"ESPHome API handshake with {_proxy} failed: an empty handshake answer");
        }

        if (answer[0] != 0x00)
        {
            var reason = Encoding.UTF8.GetString(answer[1..]);
            throw new EsphomeApiException(reason == "Handshake MAC failure"
                ? $"ESPHome proxy {_proxy} rejected the encryption key: it is not the key in the proxy's api: encryption: key ({reason})"
                : $"ESPHome API handshake with {_proxy} failed: the proxy says {reason}");
        }

        try
        {
            _noise.ReadMessage(answer[1..]);
        }
        catch (CryptographicException error)
        {
            throw new EsphomeApiException($"ESPHome proxy {_proxy} rejected the encryption key: its handshake answer does not decrypt ({error.Message})", error);
        }

        var (send, receive) = _noise.Split();
        return new NoiseCodec(send, receive, _proxy);
    }
}
