namespace Streams.Sources.DBus;

/// <summary>Header field codes (the BYTE in each <c>(yv)</c> of the header's field array).</summary>
internal enum DBusHeaderField : byte
{
    Path = 1,
    Interface = 2,
    Member = 3,
    ErrorName = 4,
    ReplySerial = 5,
    Destination = 6,
    Sender = 7,
    Signature = 8,
    UnixFds = 9,
}
