namespace Streams.Polling;

/// <summary>What a frame heard while a request is outstanding is, for that request.</summary>
internal enum ReplyMatch
{
    /// <summary>Not ours: another address, another register or command, a stray or late reply. Dropped and counted.</summary>
    Foreign,

    /// <summary>The reply (or a device error answering the request).</summary>
    Reply,

    /// <summary>Our own request read back (RS-485 adapters that echo). Ignored and counted.</summary>
    Echo,
}
