using Streams.Sources.DBus;

namespace Streams.IntegrationTests.DBus;

/// <summary>
/// A miniature org.bluez served by our own client on its own connection: an ObjectManager at
/// <c>/</c>, one device and one GATT characteristic. WriteValue answers the way a JBD pack does,
/// with a PropertiesChanged(Value) "notification" carrying the response frame.
/// </summary>
internal sealed class FakeGattCharacteristic : IDisposable
{
    public const string BusName = "org.bluez";
    public const string DevicePath = "/org/bluez/hci0/dev_A4_C1_38_00_00_01";
    public const string CharacteristicPath = DevicePath + "/service000b/char000c";
    public const string GattInterface = "org.bluez.GattCharacteristic1";
    public const string DeviceInterface = "org.bluez.Device1";

    /// <summary>JBD "read basic info" request and a response frame (DD 03 00 …).</summary>
    public static readonly byte[] JbdRequest = [0xDD, 0xA5, 0x03, 0x00, 0xFF, 0xFD, 0x77];
    public static readonly byte[] JbdResponse = [0xDD, 0x03, 0x00, 0x02, 0x05, 0x1E, 0xFF, 0xDB, 0x77];

    private readonly DBusConnection _connection;
    private readonly IDisposable[] _served;
    private readonly Dictionary<string, DBusValue> _characteristic = new(StringComparer.Ordinal)
    {
        ["UUID"] = "0000ff01-0000-1000-8000-00805f9b34fb",
        ["Value"] = new DBusByteArray([]),
        ["Notifying"] = false,
    };

    private readonly Dictionary<string, DBusValue> _device = new(StringComparer.Ordinal)
    {
        ["Address"] = "A4:C1:38:00:00:01",
        ["Name"] = "xiaoxiang BMS",
        ["Connected"] = true,
    };

    public FakeGattCharacteristic(DBusConnection connection)
    {
        _connection = connection;
        _served =
        [
            connection.ServeObject("/", ServeRoot),
            connection.ServeObject(DevicePath, (call, _) => ServeProperties(call, DeviceInterface, _device)),
            connection.ServeObject(CharacteristicPath, ServeCharacteristic),
        ];
    }

    /// <summary>The last WriteValue: who sent it, the bytes and the options.</summary>
    public (string? Sender, byte[] Value, IReadOnlyDictionary<string, DBusValue> Options)? LastWrite { get; private set; }

    /// <summary>Completes when a call to <c>Hang</c> arrives; that call is never answered.</summary>
    public TaskCompletionSource HangStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Connected
    {
        get => ((DBusBoolean)_device["Connected"]).Value;
        set => _device["Connected"] = value;
    }

    public void Dispose()
    {
        foreach (var served in _served)
        {
            served.Dispose();
        }
    }

    private ValueTask<IReadOnlyList<DBusValue>> ServeRoot(DBusMessage call, CancellationToken cancellationToken)
    {
        if (call.Interface != DBusObjectManager.Interface || call.Member != "GetManagedObjects")
        {
            throw new DBusErrorException("org.freedesktop.DBus.Error.UnknownMethod", $"No {call.Interface}.{call.Member} at /");
        }

        var objects = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, DBusValue>>>
        {
            [DevicePath] = new Dictionary<string, IReadOnlyDictionary<string, DBusValue>> { [DeviceInterface] = new Dictionary<string, DBusValue>(_device) },
            [CharacteristicPath] = new Dictionary<string, IReadOnlyDictionary<string, DBusValue>> { [GattInterface] = new Dictionary<string, DBusValue>(_characteristic) },
        };
        return Reply(DBusObjectManager.ManagedObjectsValue(objects));
    }

    private async ValueTask<IReadOnlyList<DBusValue>> ServeCharacteristic(DBusMessage call, CancellationToken cancellationToken)
    {
        if (call.Interface == DBusProperties.Interface)
        {
            return await ServeProperties(call, GattInterface, _characteristic);
        }

        switch (call.Member)
        {
            case "WriteValue" when call.TryGetArgument<DBusByteArray>(0, out var value) && call.TryGetArgument<DBusDictionary>(1, out var options):
                if (!Connected)
                {
                    throw new DBusErrorException("org.bluez.Error.NotConnected", "Not connected");
                }

                LastWrite = (call.Sender, value.ToArray(), options.ToTextKeyed());
                Notify(JbdResponse);
                return [];
            case "ReadValue":
                return [_characteristic["Value"]];
            case "StartNotify":
                _characteristic["Notifying"] = true;
                _connection.Send(new DBusPropertiesChanged(CharacteristicPath, GattInterface, new Dictionary<string, DBusValue> { ["Notifying"] = true }, []).ToSignal());
                return [];
            case "Hang":
                HangStarted.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return [];
            default:
                throw new DBusErrorException("org.freedesktop.DBus.Error.UnknownMethod", $"No method {call.Member}");
        }
    }

    private void Notify(byte[] value)
    {
        _characteristic["Value"] = new DBusByteArray(value);
        var changed = new Dictionary<string, DBusValue> { ["Value"] = new DBusByteArray(value) };

        // Decoys a correct subscriber must not see: another interface, and a path outside /org/bluez.
        _connection.Send(new DBusPropertiesChanged(DevicePath, DeviceInterface, new Dictionary<string, DBusValue> { ["RSSI"] = (short)-60 }, []).ToSignal());
        _connection.Send(new DBusPropertiesChanged("/elsewhere", GattInterface, changed, []).ToSignal());
        _connection.Send(new DBusPropertiesChanged(CharacteristicPath, GattInterface, changed, []).ToSignal());
    }

    private static ValueTask<IReadOnlyList<DBusValue>> ServeProperties(DBusMessage call, string @interface, Dictionary<string, DBusValue> properties)
    {
        if (!call.TryGetArgument<DBusString>(0, out var requested) || requested.Value != @interface)
        {
            throw new DBusErrorException("org.freedesktop.DBus.Error.InvalidArgs", "No such interface");
        }

        switch (call.Member)
        {
            case "GetAll":
                return Reply(DBusValue.StringVariantMap(properties));
            case "Get" when call.TryGetArgument<DBusString>(1, out var name):
                return properties.TryGetValue(name.Value, out var value)
                    ? Reply(new DBusVariant(value))
                    : throw new DBusErrorException("org.freedesktop.DBus.Error.InvalidArgs", $"No property {name.Value}");
            case "Set" when call.TryGetArgument<DBusString>(1, out var name) && call.TryGetArgument<DBusVariant>(2, out var newValue):
                properties[name.Value] = newValue.Value;
                return Reply();
            default:
                throw new DBusErrorException("org.freedesktop.DBus.Error.UnknownMethod", $"No method {call.Member}");
        }
    }

    private static ValueTask<IReadOnlyList<DBusValue>> Reply(params DBusValue[] body) => ValueTask.FromResult<IReadOnlyList<DBusValue>>(body);
}
