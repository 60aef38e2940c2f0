using System.Collections.Frozen;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Streams.Transports.Esphome.Messages;

namespace Streams.Transports.Esphome;

/// <summary>
/// The wire id of every message in api.proto, read from its <c>(id)</c> option as ESPHome's own
/// code generator does, so an id lives in one place: the .proto.
/// </summary>
internal static class ApiMessages
{
    private static readonly FrozenDictionary<uint, MessageParser> ParsersById;
    private static readonly FrozenDictionary<Type, uint> IdsByType;

    static ApiMessages()
    {
        var messages = ApiReflection.Descriptor.MessageTypes
            .Select(descriptor => (Descriptor: descriptor, Id: descriptor.GetOptions()?.GetExtension(ApiOptionsExtensions.Id) ?? 0))
            .Where(message => message.Id != 0)
            .ToArray();
        ParsersById = messages.ToFrozenDictionary(m => m.Id, m => m.Descriptor.Parser);
        IdsByType = messages.ToFrozenDictionary(m => m.Descriptor.ClrType, m => m.Id);
    }

    /// <summary>The message types we know, by id.</summary>
    public static IReadOnlyCollection<uint> Ids => ParsersById.Keys;

    /// <summary>The wire id of <paramref name="message"/>'s type.</summary>
    /// <exception cref="ArgumentException">a type without an <c>(id)</c> (a nested message such as a GATT service).</exception>
    public static uint IdOf(IMessage message) =>
        IdsByType.TryGetValue(message.GetType(), out var id)
            ? id
            : throw new ArgumentException($"{message.Descriptor.Name} is not a top-level API message", nameof(message));

    /// <summary>The message of wire type <paramref name="type"/>, or null for a type we do not use (skipped, as ESPHome skips ours).</summary>
    /// <exception cref="EsphomeApiException">the payload is not a valid message of that type.</exception>
    public static IMessage? Parse(uint type, ReadOnlySpan<byte> payload)
    {
        if (!ParsersById.TryGetValue(type, out var parser))
        {
            return null;
        }

        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException error)
        {
            throw new EsphomeApiException($"ESPHome API protocol error: message type {type} does not decode ({error.Message})", error);
        }
    }
}
