using System.Collections.Immutable;

namespace Streams.Sources.DBus;

/// <summary>
/// One D-Bus message: the header fields and the body values. Build calls and signals with
/// <see cref="MethodCall"/> and <see cref="Signal"/>; the connection assigns <see cref="Serial"/>
/// when it sends.
/// </summary>
public sealed record DBusMessage
{
    public DBusMessageType Type { get; init; }

    public DBusMessageFlags Flags { get; init; }

    /// <summary>Non-zero once sent or received.</summary>
    public uint Serial { get; init; }

    public string? Path { get; init; }

    public string? Interface { get; init; }

    public string? Member { get; init; }

    public string? ErrorName { get; init; }

    /// <summary>The serial of the call this return or error answers.</summary>
    public uint? ReplySerial { get; init; }

    public string? Destination { get; init; }

    /// <summary>The sender's unique name, filled in by the bus.</summary>
    public string? Sender { get; init; }

    /// <summary>How many Unix file descriptors accompany the message (this client never sends any).</summary>
    public uint? UnixFds { get; init; }

    public ImmutableArray<DBusValue> Body { get; init; } = [];

    /// <summary>The body's signature, e.g. <c>aya{sv}</c>.</summary>
    public string Signature => DBusSignature.Of(Body.Select(v => v.Type));

    /// <summary>A method call; <paramref name="destination"/> may be null on a peer-to-peer link.</summary>
    public static DBusMessage MethodCall(string? destination, string path, string? @interface, string member, params DBusValue[] body) =>
        new()
        {
            Type = DBusMessageType.MethodCall,
            Destination = destination,
            Path = path,
            Interface = @interface,
            Member = member,
            Body = [.. body],
        };

    /// <summary>A broadcast signal.</summary>
    public static DBusMessage Signal(string path, string @interface, string member, params DBusValue[] body) =>
        new()
        {
            Type = DBusMessageType.Signal,
            Path = path,
            Interface = @interface,
            Member = member,
            Body = [.. body],
        };

    /// <summary>A successful reply to <paramref name="call"/>.</summary>
    public static DBusMessage ReturnFor(DBusMessage call, IEnumerable<DBusValue> body)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new()
        {
            Type = DBusMessageType.MethodReturn,
            ReplySerial = call.Serial,
            Destination = call.Sender,
            Body = [.. body],
        };
    }

    /// <summary>An error reply to <paramref name="call"/> whose body is the message text.</summary>
    public static DBusMessage ErrorFor(DBusMessage call, string errorName, string errorMessage)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new()
        {
            Type = DBusMessageType.Error,
            ReplySerial = call.Serial,
            Destination = call.Sender,
            ErrorName = errorName,
            Body = [new DBusString(errorMessage)],
        };
    }

    /// <summary>The body value at <paramref name="index"/> if it exists and has type <typeparamref name="T"/>.</summary>
    public bool TryGetArgument<T>(int index, out T value)
        where T : DBusValue
    {
        if (index >= 0 && index < Body.Length && Body[index] is T typed)
        {
            value = typed;
            return true;
        }

        value = null!;
        return false;
    }

    public bool Equals(DBusMessage? other) =>
        other is not null
        && Type == other.Type && Flags == other.Flags && Serial == other.Serial
        && Path == other.Path && Interface == other.Interface && Member == other.Member
        && ErrorName == other.ErrorName && ReplySerial == other.ReplySerial
        && Destination == other.Destination && Sender == other.Sender && UnixFds == other.UnixFds
        && Body.SequenceEqual(other.Body);

    public override int GetHashCode() => HashCode.Combine(Type, Serial, Path, Member, Body.Length);

    public override string ToString() =>
        $"{Type} #{Serial}{(ReplySerial is { } r ? $" re #{r}" : "")} {Sender}->{Destination} {Path} {Interface}.{Member}{ErrorName} ({string.Join(", ", Body)})";
}
