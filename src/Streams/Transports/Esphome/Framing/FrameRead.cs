namespace Streams.Transports.Esphome.Framing;

/// <summary>What a framer made of the bytes at the start of its buffer.</summary>
internal enum FrameRead
{
    /// <summary>The bytes so far are the start of a frame: read more.</summary>
    NeedMore,

    /// <summary>One whole frame starts at offset 0.</summary>
    Frame,

    /// <summary>The bytes cannot start a frame: the connection cannot go on (TCP has no resync).</summary>
    Invalid,
}

/// <summary>Why the bytes cannot start a frame.</summary>
internal enum FrameFault
{
    None,

    /// <summary>A Noise frame (0x01) where plaintext (0x00) was expected: the proxy wants encryption.</summary>
    EncryptionExpected,

    /// <summary>A plaintext frame (0x00) where Noise (0x01) was expected: the proxy has no encryption key.</summary>
    PlaintextExpected,

    /// <summary>Neither 0x00 nor 0x01 starts the frame.</summary>
    BadIndicator,

    /// <summary>A length or type varint longer than ESPHome ever writes, or a length past the protocol maximum.</summary>
    BadHeader,
}
