namespace Streams.Transports.Esphome.Noise;

/// <summary>
/// The handshake of <c>Noise_NNpsk0_25519_ChaChaPoly_SHA256</c> (specification §7.5, §9), the one
/// pattern ESPHome speaks: <c>-&gt; psk, e</c> then <c>&lt;- e, ee</c>. Both roles, so the tests can
/// check either side against the published vectors.
/// </summary>
internal sealed class NnPsk0Handshake : IDisposable
{
    public const string ProtocolName = "Noise_NNpsk0_25519_ChaChaPoly_SHA256";

    public const int PskLength = 32;

    private readonly bool _initiator;
    private readonly SymmetricState _state = new(ProtocolName);
    private readonly byte[] _psk;
    private readonly Func<X25519KeyPair> _newEphemeral;
    private X25519KeyPair? _ephemeral;
    private byte[]? _remoteEphemeral;
    private int _step;

    /// <param name="initiator">The client (true) or the proxy (false).</param>
    /// <param name="prologue">Bound into the handshake hash; both sides must agree on it.</param>
    /// <param name="psk">The 32-byte pre-shared key (ESPHome's API encryption key).</param>
    /// <param name="newEphemeral">Makes this side's ephemeral key; null: a random one.</param>
    public NnPsk0Handshake(bool initiator, ReadOnlySpan<byte> prologue, ReadOnlySpan<byte> psk, Func<X25519KeyPair>? newEphemeral = null)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(psk.Length, PskLength);
        _initiator = initiator;
        _psk = psk.ToArray();
        _newEphemeral = newEphemeral ?? X25519KeyPair.Generate;
        _state.MixHash(prologue);
    }

    /// <summary>True once both messages went: <see cref="Split"/> may be called.</summary>
    public bool IsComplete => _step == 2;

    public ReadOnlySpan<byte> HandshakeHash => _state.HandshakeHash;

    /// <summary>This side's next handshake message, carrying <paramref name="payload"/> encrypted.</summary>
    public byte[] WriteMessage(ReadOnlySpan<byte> payload)
    {
        ExpectTurn(writing: true);
        if (_step == 0)
        {
            _state.MixKeyAndHash(_psk);
        }

        _ephemeral = _newEphemeral();
        _state.MixHash(_ephemeral.PublicKey);
        _state.MixKey(_ephemeral.PublicKey);
        if (_step == 1)
        {
            _state.MixKey(_ephemeral.Agree(_remoteEphemeral!));
        }

        var message = (byte[])[.. _ephemeral.PublicKey, .. _state.EncryptAndHash(payload)];
        _step++;
        return message;
    }

    /// <summary>Reads the peer's handshake message and returns its payload.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">the message is not authentic (a different PSK or prologue) or malformed.</exception>
    public byte[] ReadMessage(ReadOnlySpan<byte> message)
    {
        ExpectTurn(writing: false);
        if (message.Length < X25519KeyPair.KeyLength + CipherState.TagLength)
        {
            throw new System.Security.Cryptography.CryptographicException($"a {message.Length}-byte handshake message is too short");
        }

        if (_step == 0)
        {
            _state.MixKeyAndHash(_psk);
        }

        _remoteEphemeral = message[..X25519KeyPair.KeyLength].ToArray();
        _state.MixHash(_remoteEphemeral);
        _state.MixKey(_remoteEphemeral);
        if (_step == 1)
        {
            _state.MixKey(_ephemeral!.Agree(_remoteEphemeral));
        }

        var payload = _state.DecryptAndHash(message[X25519KeyPair.KeyLength..]);
        _step++;
        return payload;
    }

    /// <summary>The transport ciphers, seen from this side.</summary>
    public (CipherState Send, CipherState Receive) Split()
    {
        if (!IsComplete)
        {
            throw new InvalidOperationException("the Noise handshake is not complete");
        }

        var (initiatorToResponder, responderToInitiator) = _state.Split();
        return _initiator ? (initiatorToResponder, responderToInitiator) : (responderToInitiator, initiatorToResponder);
    }

    public void Dispose()
    {
        _ephemeral?.Dispose();
        _state.Dispose();
    }

    private void ExpectTurn(bool writing)
    {
        // NN: the initiator writes message 0, the responder message 1.
        var mine = _step < 2 && (_step == 0) == _initiator;
        if (mine != writing || _step >= 2)
        {
            throw new InvalidOperationException($"not this side's turn to {(writing ? "write" : "read")} handshake message {_step + 1}");
        }
    }
}
