namespace Streams.Sources.DBus;

/// <summary>The single-character D-Bus type codes, as they appear in signatures.</summary>
public enum DBusTypeCode : byte
{
    Byte = (byte)'y',
    Boolean = (byte)'b',
    Int16 = (byte)'n',
    UInt16 = (byte)'q',
    Int32 = (byte)'i',
    UInt32 = (byte)'u',
    Int64 = (byte)'x',
    UInt64 = (byte)'t',
    Double = (byte)'d',
    String = (byte)'s',
    ObjectPath = (byte)'o',
    Signature = (byte)'g',
    UnixFd = (byte)'h',
    Array = (byte)'a',
    Struct = (byte)'(',
    DictEntry = (byte)'{',
    Variant = (byte)'v',
}
