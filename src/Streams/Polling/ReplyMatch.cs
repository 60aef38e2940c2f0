namespace Streams.Polling;

/// <summary>What a frame heard while a request is outstanding is, for that request.</summary>
internal enum ReplyMatch
{
    /// <summary>Not ours: another address, another register or command, a stray reply. Dropped and counted.</summary>
    Foreign,

    /// <summary>The reply (or a device error answering the request).</summary>
    Reply,

    /// <summary>Our own request read back (RS-485 adapters that echo). Ignored and counted.</summary>
    Echo,

    /// <summary>
    /// The reply to an earlier request that timed out (a framing whose replies name their request,
    /// e.g. by a transaction id, can tell it by itself; <c>Bus/BusSession</c> tells it for the others).
    /// Dropped and counted as late.
    /// </summary>
    Late,
}
