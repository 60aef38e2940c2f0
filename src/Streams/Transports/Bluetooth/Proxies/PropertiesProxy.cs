using Tmds.DBus.Protocol;

namespace Streams.Transports.Bluetooth.Proxies;

/// <summary>A <c>PropertiesChanged</c> signal: which object and interface, and the new values.</summary>
internal sealed record PropertiesChange(string Path, string Interface, IReadOnlyDictionary<string, VariantValue> Changed);

/// <summary><c>org.freedesktop.DBus.Properties</c> of BlueZ's objects: Get, GetAll and PropertiesChanged.</summary>
internal sealed class PropertiesProxy(DBusConnection bus)
{
    public Task<IReadOnlyDictionary<string, VariantValue>> GetAllAsync(string path, string @interface, CancellationToken cancellationToken) =>
        BlueZCall.Send(
            bus,
            Message(path, "GetAll", @interface),
            static (message, _) => message.SignatureAsString == "a{sv}"
                ? (IReadOnlyDictionary<string, VariantValue>)message.GetBodyReader().ReadDictionaryOfStringToVariantValue()
                : throw Unexpected("GetAll", message),
            $"Properties.GetAll({@interface})",
            BlueZCall.Timeout,
            cancellationToken);

    public Task<VariantValue> GetAsync(string path, string @interface, string name, CancellationToken cancellationToken) =>
        BlueZCall.Send(
            bus,
            Message(path, "Get", @interface, name),
            static (message, _) => message.SignatureAsString == "v" ? message.GetBodyReader().ReadVariantValue() : throw Unexpected("Get", message),
            $"Properties.Get({@interface}.{name})",
            BlueZCall.Timeout,
            cancellationToken);

    /// <summary>
    /// Changes of <paramref name="interface"/> (null: of any interface) on the object at
    /// <paramref name="path"/>, or, with <paramref name="below"/>, also on every object under it.
    /// </summary>
    public Task<IDisposable> WatchChangesAsync(string path, string? @interface, bool below, Action<PropertiesChange> onChange, Action<string> onEnd) =>
        BlueZSignals.WatchAsync(
            bus,
            new MatchRule
            {
                Path = below ? null : path,
                PathNamespace = below ? path : null,
                Interface = BlueZ.Properties,
                Member = "PropertiesChanged",
                Arg0 = @interface,
            },
            static (message, _) => ReadChange(message),
            onChange,
            onEnd);

    private static PropertiesChange? ReadChange(Message message)
    {
        if (message.SignatureAsString != "sa{sv}as" || message.PathAsString is not { } path)
        {
            return null;
        }

        var reader = message.GetBodyReader();
        var @interface = reader.ReadString();
        return new PropertiesChange(path, @interface, reader.ReadDictionaryOfStringToVariantValue());
    }

    private MessageBuffer Message(string path, string member, string @interface, string? name = null)
    {
        using var writer = bus.GetMessageWriter();
        writer.WriteMethodCallHeader(BlueZ.Service, path, BlueZ.Properties, member, name is null ? "s" : "ss");
        writer.WriteString(@interface);
        if (name is not null)
        {
            writer.WriteString(name);
        }

        return writer.CreateMessage();
    }

    private static InvalidDataException Unexpected(string member, Message message) =>
        new($"BlueZ answered Properties.{member} with signature '{message.SignatureAsString}'");
}
