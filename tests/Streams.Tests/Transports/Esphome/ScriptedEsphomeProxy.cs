using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using Google.Protobuf;
using Streams.Transports.Esphome;
using Streams.Transports.Esphome.Messages;

namespace Streams.Tests.Transports.Esphome;

/// <summary>
/// An in-process ESPHome Bluetooth proxy for virtual-time tests: answers on the scheduler (zero
/// delay), with JBD BMSs behind it. It can reboot (unreachable for a while), go silent (Wi-Fi lost:
/// no answers, connects hang), drop a BLE link (reported twice, then the slot), lose a BMS out of
/// range, and run out of slots. The real-process fake is tests/esphome-proxy/fake-proxy.js.
/// </summary>
internal sealed class ScriptedEsphomeProxy(IScheduler scheduler, params string[] macs) : IApiConnector
{
    private readonly HashSet<ulong> _inRange = [.. macs.Select(Parse)];
    private readonly HashSet<ulong> _connected = [];
    private Transport? _client;
    private bool _reachable = true;

    private IScheduler Scheduler => scheduler;

    public string Endpoint => "scripted:6053";

    public uint Slots { get; set; } = 3;

    public bool Silent { get; set; }

    public Action<string>? OnEvent { get; init; }

    public IObservable<IApiTransport> Connect() =>
        Observable.Defer(() => Silent
            ? Observable.Never<IApiTransport>()
            : _reachable
                ? Observable.Return<IApiTransport>(_client = new Transport(this))
                : Observable.Throw<IApiTransport>(new EsphomeApiException($"ESPHome proxy {Endpoint} unreachable: Connection refused")));

    public void Reboot(TimeSpan down)
    {
        _client?.Lose(new EsphomeApiException($"ESPHome proxy {Endpoint} closed the API connection"));
        _reachable = false;
        scheduler.Schedule(down, () => _reachable = true);
    }

    public void Drop(string mac)
    {
        var address = Parse(mac);
        if (_connected.Remove(address))
        {
            Reply(new BluetoothDeviceConnectionResponse { Address = address, Error = 0x08 });
            Reply(new BluetoothDeviceConnectionResponse { Address = address, Error = 0x08 });
            Reply(Free());
        }
    }

    public void OutOfRange(string mac)
    {
        _inRange.Remove(Parse(mac));
        Drop(mac);
    }

    public void InRange(string mac)
    {
        _inRange.Add(Parse(mac));
        Advertise();
    }

    public void SetSlots(uint slots)
    {
        Slots = slots;
        Reply(Free());
    }

    private static ulong Parse(string mac) => Convert.ToUInt64(mac.Replace(":", string.Empty, StringComparison.Ordinal), 16);

    private BluetoothConnectionsFreeResponse Free() =>
        new() { Free = Slots > (uint)_connected.Count ? Slots - (uint)_connected.Count : 0, Limit = Slots, Allocated = { _connected } };

    private void Reply(IMessage message) => _client?.Deliver(message);

    private void Advertise() => Reply(new BluetoothLERawAdvertisementsResponse
    {
        Advertisements =
        {
            _inRange.Where(a => !_connected.Contains(a)).Select(a => new BluetoothLERawAdvertisement
            {
                Address = a,
                Rssi = -60,
                Data = ByteString.CopyFrom([0x02, 0x01, 0x06, 0x03, 0x03, 0x00, 0xFF]),
            }),
        },
    });

    private void Handle(IMessage message)
    {
        switch (message)
        {
            case HelloRequest:
                OnEvent?.Invoke("hello");
                Reply(new HelloResponse { ApiVersionMajor = 1, ApiVersionMinor = 12, Name = "proxy" });
                break;
            case DeviceInfoRequest:
                Reply(new DeviceInfoResponse { Name = "proxy", MacAddress = "24:0A:C4:00:00:01", EsphomeVersion = "2026.1.0", BluetoothProxyFeatureFlags = 0x7F });
                break;
            case PingRequest:
                Reply(new PingResponse());
                break;
            case SubscribeBluetoothLEAdvertisementsRequest:
                Advertise();
                break;
            case SubscribeBluetoothConnectionsFreeRequest:
                Reply(Free());
                break;
            case BluetoothDeviceRequest { RequestType: BluetoothDeviceRequestType.Disconnect } request:
                if (_connected.Remove(request.Address))
                {
                    Reply(new BluetoothDeviceConnectionResponse { Address = request.Address, Error = 0x16 });
                    Reply(new BluetoothDeviceConnectionResponse { Address = request.Address, Error = 0x16 });
                }

                Reply(Free());
                break;
            case BluetoothDeviceRequest request:
                Connect(request.Address);
                break;
            case BluetoothGATTGetServicesRequest request:
                Reply(JbdServices(request.Address));
                Reply(new BluetoothGATTGetServicesDoneResponse { Address = request.Address });
                break;
            case BluetoothGATTWriteDescriptorRequest request:
                Reply(new BluetoothGATTWriteResponse { Address = request.Address, Handle = request.Handle });
                break;
            case BluetoothGATTNotifyRequest request:
                Reply(new BluetoothGATTNotifyResponse { Address = request.Address, Handle = request.Handle });
                break;
        }
    }

    private void Connect(ulong address)
    {
        if (!_inRange.Contains(address))
        {
            Reply(new BluetoothDeviceConnectionResponse { Address = address, Error = 133 });
            return;
        }

        if (_connected.Count >= Slots)
        {
            Reply(new BluetoothDeviceConnectionResponse { Address = address });
            return;
        }

        _connected.Add(address);
        Reply(new BluetoothDeviceConnectionResponse { Address = address, Connected = true, Mtu = 23 });
        Reply(Free());
    }

    private static BluetoothGATTGetServicesResponse JbdServices(ulong address) => new()
    {
        Address = address,
        Services =
        {
            new BluetoothGATTService
            {
                ShortUuid = 0xFF00,
                Handle = 0x10,
                Characteristics =
                {
                    new BluetoothGATTCharacteristic { ShortUuid = 0xFF01, Handle = 0x11, Properties = 0x12, Descriptors = { new BluetoothGATTDescriptor { ShortUuid = 0x2902, Handle = 0x12 } } },
                    new BluetoothGATTCharacteristic { ShortUuid = 0xFF02, Handle = 0x14, Properties = 0x0C },
                },
            },
        },
    };

    private sealed class Transport(ScriptedEsphomeProxy proxy) : IApiTransport
    {
        private IObserver<IMessage>? _observer;
        private bool _closed;

        public string? ServerName => null;

        public IObservable<IMessage> Messages => Observable.Create<IMessage>(observer =>
        {
            _observer = observer;
            return Disposable.Create(Dispose);
        });

        public void Send(IMessage message)
        {
            if (!_closed && !proxy.Silent)
            {
                proxy.Scheduler.Schedule(() => proxy.Handle(message));
            }
        }

        public void Deliver(IMessage message)
        {
            if (!_closed && !proxy.Silent)
            {
                proxy.Scheduler.Schedule(() => _observer?.OnNext(message));
            }
        }

        public void Lose(Exception error)
        {
            var observer = _observer;
            Dispose();
            observer?.OnError(error);
        }

        public void Dispose()
        {
            if (_closed)
            {
                return;
            }

            // The proxy tears the BLE links of a client that left down.
            _closed = true;
            proxy._connected.Clear();
            if (proxy._client == this)
            {
                proxy._client = null;
            }
        }
    }
}
