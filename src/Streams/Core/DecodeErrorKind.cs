namespace Streams.Core;

/// <summary>Why a frame or a register block could not be decoded.</summary>
public enum DecodeErrorKind
{
    /// <summary>Fewer bytes or registers than the layout needs.</summary>
    Truncated,

    /// <summary>Start/end markers, length bytes or group structure do not fit.</summary>
    BadFraming,

    /// <summary>The CRC or checksum does not match.</summary>
    BadChecksum,

    /// <summary>A well-formed frame, but not the one asked for (other register, function or command).</summary>
    UnexpectedReply,

    /// <summary>The device answered with an error status or a Modbus exception.</summary>
    DeviceError,

    /// <summary>An EG4-LL pack answered with the master (bank) register map instead of the slave map.</summary>
    MasterMap,

    /// <summary>The input itself is unusable (not hex, unknown protocol, bad argument).</summary>
    InvalidInput,
}
