"""A fake org.bluez for the Streams integration tests (python3-dbus + GLib, run with /usr/bin/python3).

Serves, on the bus given as argv[1]: an ObjectManager at /, adapter /org/bluez/hci0 (StartDiscovery makes
the devices appear after 100 ms), a JBD BMS dongle (Device1; on Connect: Connected, then the GATT service
0xFF00 with notify 0xFF01 and write 0xFF02, then ServicesResolved), and a phone that is no BMS.
Requests written to 0xFF02 are answered with the frames given in the config file (argv[2], JSON) as
20-byte PropertiesChanged(Value) notifications, 2 ms apart. Device1.Connect on a connected device answers
org.bluez.Error.AlreadyConnected, as BlueZ may. Test hooks on org.example.FakeBluez.Control at
/org/example/FakeBluez: LoseLink, SetSilent(b), Restart, Writes() -> as (hex), Connects() -> u,
DiscoveryFilters() -> as (key=value), and FailNext(method, error name, proceed): the next call of
Connect / StartDiscovery / WriteValue answers that D-Bus error, after doing its work when proceed is true.
"""
import json
import sys

import dbus
import dbus.mainloop.glib
import dbus.service
from gi.repository import GLib

BLUEZ = "org.bluez"
PROPS = "org.freedesktop.DBus.Properties"
OM = "org.freedesktop.DBus.ObjectManager"
ADAPTER = "org.bluez.Adapter1"
DEVICE = "org.bluez.Device1"
SERVICE = "org.bluez.GattService1"
CHAR = "org.bluez.GattCharacteristic1"
CONTROL = "org.example.FakeBluez.Control"


def uuid16(value):
    return "0000%04x-0000-1000-8000-00805f9b34fb" % value


class Failed(dbus.DBusException):
    def __init__(self, name, message):
        dbus.DBusException.__init__(self, message)
        self._dbus_error_name = name


class Node(dbus.service.Object):
    """One object with one BlueZ interface and its properties."""

    def __init__(self, fake, path, interface, props):
        self.fake = fake
        self.path = path
        self.interface = interface
        self.props = props
        dbus.service.Object.__init__(self, fake.bus, path)

    def set(self, name, value):
        self.props[name] = value
        self.PropertiesChanged(self.interface, {name: value}, [])

    @dbus.service.method(PROPS, in_signature="ss", out_signature="v")
    def Get(self, interface, name):
        if interface != self.interface or name not in self.props:
            raise Failed("org.freedesktop.DBus.Error.InvalidArgs", "no property " + name)
        return self.props[name]

    @dbus.service.method(PROPS, in_signature="s", out_signature="a{sv}")
    def GetAll(self, interface):
        return dbus.Dictionary(self.props if interface == self.interface else {}, signature="sv")

    @dbus.service.method(PROPS, in_signature="ssv")
    def Set(self, interface, name, value):
        self.set(name, value)

    @dbus.service.signal(PROPS, signature="sa{sv}as")
    def PropertiesChanged(self, interface, changed, invalidated):
        pass


class Root(dbus.service.Object):
    def __init__(self, fake):
        self.fake = fake
        dbus.service.Object.__init__(self, fake.bus, "/")

    @dbus.service.method(OM, out_signature="a{oa{sa{sv}}}")
    def GetManagedObjects(self):
        return dbus.Dictionary(
            {dbus.ObjectPath(n.path): {n.interface: dbus.Dictionary(n.props, signature="sv")} for n in self.fake.nodes.values()},
            signature="oa{sa{sv}}")

    @dbus.service.signal(OM, signature="oa{sa{sv}}")
    def InterfacesAdded(self, path, interfaces):
        pass

    @dbus.service.signal(OM, signature="oas")
    def InterfacesRemoved(self, path, interfaces):
        pass


class Adapter(Node):
    @dbus.service.method(ADAPTER)
    def StartDiscovery(self):
        with self.fake.failing("StartDiscovery"):
            self.set("Discovering", dbus.Boolean(True))
            GLib.timeout_add(100, self.fake.advertise)

    @dbus.service.method(ADAPTER, in_signature="a{sv}")
    def SetDiscoveryFilter(self, filter):
        self.fake.filters.append(";".join("%s=%s" % (k, filter[k]) for k in sorted(filter)))

    @dbus.service.method(ADAPTER)
    def StopDiscovery(self):
        if not self.props["Discovering"]:
            raise Failed("org.bluez.Error.Failed", "No discovery started")
        self.set("Discovering", dbus.Boolean(False))


class Device(Node):
    @dbus.service.method(DEVICE)
    def Connect(self):
        with self.fake.failing("Connect"):
            self.fake.connect()

    @dbus.service.method(DEVICE)
    def Disconnect(self):
        self.fake.lose_link()


class Characteristic(Node):
    @dbus.service.method(CHAR, in_signature="a{sv}", out_signature="ay")
    def ReadValue(self, options):
        self.fake.require_connected()
        return dbus.Array(self.props["Value"], signature="y")

    @dbus.service.method(CHAR)
    def StartNotify(self):
        self.fake.require_connected()
        self.set("Notifying", dbus.Boolean(True))

    @dbus.service.method(CHAR)
    def StopNotify(self):
        self.set("Notifying", dbus.Boolean(False))

    @dbus.service.method(CHAR, in_signature="aya{sv}")
    def WriteValue(self, value, options):
        with self.fake.failing("WriteValue"):
            self.fake.require_connected()
            self.fake.written(bytes(bytearray(value)), str(options.get("type", "")))


class Control(dbus.service.Object):
    def __init__(self, fake):
        self.fake = fake
        dbus.service.Object.__init__(self, fake.bus, "/org/example/FakeBluez")

    @dbus.service.method(CONTROL)
    def LoseLink(self):
        self.fake.lose_link()

    @dbus.service.method(CONTROL, in_signature="b")
    def SetSilent(self, silent):
        self.fake.silent = bool(silent)

    @dbus.service.method(CONTROL)
    def Restart(self):
        self.fake.restart()

    @dbus.service.method(CONTROL, out_signature="as")
    def Writes(self):
        return dbus.Array(self.fake.writes, signature="s")

    @dbus.service.method(CONTROL, out_signature="u")
    def Connects(self):
        return dbus.UInt32(self.fake.connects)

    @dbus.service.method(CONTROL, out_signature="as")
    def DiscoveryFilters(self):
        return dbus.Array(self.fake.filters, signature="s")

    @dbus.service.method(CONTROL, in_signature="ssb")
    def FailNext(self, method, name, proceed):
        self.fake.failures[str(method)] = (str(name), bool(proceed))


class Failing:
    """Runs a method's work (or not) and then answers the D-Bus error FailNext asked for, once."""

    def __init__(self, failure):
        self.failure = failure

    def __enter__(self):
        if self.failure is not None and not self.failure[1]:
            raise Failed(self.failure[0], MESSAGES.get(self.failure[0], "failed"))

    def __exit__(self, kind, value, traceback):
        if kind is None and self.failure is not None:
            raise Failed(self.failure[0], MESSAGES.get(self.failure[0], "failed"))
        return False


# What BlueZ says with these errors.
MESSAGES = {
    "org.bluez.Error.Failed": "le-connection-abort-by-local",
    "org.bluez.Error.InProgress": "In Progress",
    "org.bluez.Error.NotReady": "Resource Not Ready",
    "org.bluez.Error.NotConnected": "Not connected",
    "org.bluez.Error.AlreadyConnected": "Already Connected",
}


class FakeBluez:
    def __init__(self, bus, config):
        self.bus = bus
        self.config = config
        self.mac = config["mac"]
        self.device_path = "/org/bluez/hci0/dev_" + self.mac.replace(":", "_")
        self.phone_path = "/org/bluez/hci0/dev_11_22_33_44_55_66"
        self.nodes = {}
        self.silent = False
        self.writes = []
        self.filters = []
        self.failures = {}
        self.connects = 0
        self.mosfets = 0x03
        self.authenticated = config.get("password") is None
        self.random = 0x61
        self.outbox = bytearray()
        self.root = Root(self)
        Control(self)
        self.name = dbus.service.BusName(BLUEZ, bus)
        self.add(Adapter(self, "/org/bluez/hci0", ADAPTER, {
            "Address": dbus.String("00:1A:7D:DA:71:13"), "Name": dbus.String("fake-hci0"),
            "Powered": dbus.Boolean(True), "Discovering": dbus.Boolean(False)}))
        if config.get("known", False):
            self.advertise()

    # --- object tree -------------------------------------------------------------------------------
    def add(self, node, announce=True):
        self.nodes[node.path] = node
        if announce:
            self.root.InterfacesAdded(dbus.ObjectPath(node.path), {node.interface: dbus.Dictionary(node.props, signature="sv")})
        return node

    def remove(self, path, announce=True):
        node = self.nodes.pop(path, None)
        if node is not None:
            node.remove_from_connection()
            if announce:
                self.root.InterfacesRemoved(dbus.ObjectPath(path), [node.interface])

    def advertise(self):
        if self.device_path not in self.nodes:
            self.add(Device(self, self.device_path, DEVICE, {
                "Address": dbus.String(self.mac), "Name": dbus.String(self.config.get("name", "xiaoxiang BMS")),
                "Alias": dbus.String(self.config.get("name", "xiaoxiang BMS")),
                "Adapter": dbus.ObjectPath("/org/bluez/hci0"), "RSSI": dbus.Int16(self.config.get("rssi", -62)),
                "UUIDs": dbus.Array([uuid16(0xFF00)], signature="s"),
                "Connected": dbus.Boolean(False), "ServicesResolved": dbus.Boolean(False), "Paired": dbus.Boolean(False)}))
        if self.phone_path not in self.nodes:
            self.add(Device(self, self.phone_path, DEVICE, {
                "Address": dbus.String("11:22:33:44:55:66"), "Name": dbus.String("Pixel phone"),
                "Alias": dbus.String("Pixel phone"), "Adapter": dbus.ObjectPath("/org/bluez/hci0"),
                "RSSI": dbus.Int16(-80), "UUIDs": dbus.Array([], signature="s"),
                "Connected": dbus.Boolean(False), "ServicesResolved": dbus.Boolean(False), "Paired": dbus.Boolean(False)}))
        return False

    def device(self):
        return self.nodes[self.device_path]

    def failing(self, method):
        return Failing(self.failures.pop(method, None))

    # --- connection --------------------------------------------------------------------------------
    def connect(self):
        if self.device_path not in self.nodes:
            raise Failed("org.freedesktop.DBus.Error.UnknownObject", "no device")
        device = self.device()
        if device.props["Connected"]:
            raise Failed("org.bluez.Error.AlreadyConnected", MESSAGES["org.bluez.Error.AlreadyConnected"])
        self.connects += 1
        self.authenticated = self.config.get("password") is None
        self.outbox = bytearray()
        device.set("Connected", dbus.Boolean(True))
        GLib.timeout_add(50, self.add_gatt)

    def add_gatt(self):
        service = self.device_path + "/service0010"
        self.add(Node(self, service, SERVICE, {
            "UUID": dbus.String(uuid16(0xFF00)), "Device": dbus.ObjectPath(self.device_path), "Primary": dbus.Boolean(True)}))
        self.add(Characteristic(self, service + "/char0011", CHAR, {
            "UUID": dbus.String(uuid16(0xFF01)), "Service": dbus.ObjectPath(service),
            "Value": dbus.Array([], signature="y"), "Notifying": dbus.Boolean(False),
            "Flags": dbus.Array(["read", "notify"], signature="s")}))
        self.add(Characteristic(self, service + "/char0015", CHAR, {
            "UUID": dbus.String(uuid16(0xFF02)), "Service": dbus.ObjectPath(service),
            "Value": dbus.Array([], signature="y"), "Flags": dbus.Array(["read", "write-without-response"], signature="s")}))
        self.device().set("ServicesResolved", dbus.Boolean(True))
        return False

    def remove_gatt(self, announce=True):
        for path in sorted([p for p in self.nodes if p.startswith(self.device_path + "/")], reverse=True):
            self.remove(path, announce)

    def require_connected(self):
        if self.device_path not in self.nodes or not self.device().props["Connected"]:
            raise Failed("org.bluez.Error.NotConnected", "Not connected")

    def lose_link(self):
        if self.device_path in self.nodes and self.device().props["Connected"]:
            self.device().set("ServicesResolved", dbus.Boolean(False))
            self.remove_gatt()
            self.device().set("Connected", dbus.Boolean(False))

    def restart(self):
        # bluetoothd dying says nothing; a new one starts with no connection and has to find devices again.
        self.name = None  # BusName releases org.bluez when dropped
        for path in [p for p in self.nodes if p.startswith("/org/bluez/hci0/")]:
            self.remove(path, announce=False)
        GLib.timeout_add(100, self.reclaim)

    def reclaim(self):
        self.name = dbus.service.BusName(BLUEZ, self.bus)
        self.advertise()
        return False

    # --- the BMS behind the dongle -----------------------------------------------------------------
    def written(self, data, write_type):
        self.writes.append(data.hex() + "/" + write_type)
        if self.silent:
            return
        reply = self.answer(data)
        if reply:
            self.outbox.extend(reply)
            GLib.timeout_add(2, self.pump)

    def answer(self, data):
        if data[:2] == b"\xff\xaa" and len(data) >= 5:
            command = data[2]
            if command == 0x15:
                return auth_frame(0x15, [0x00])
            if command == 0x17:
                return auth_frame(0x17, [self.random])
            if command == 0x18:
                ok = data == expected_password(self.mac, self.config["password"], self.random)
                self.authenticated = ok
                return auth_frame(0x18, [0x00 if ok else 0x01])
            return None
        if not self.authenticated:
            return None
        if data[:3] == b"\xdd\xa5\x03":
            return basic_info(bytes.fromhex(self.config["basic"]), self.mosfets)
        if data[:3] == b"\xdd\xa5\x04":
            return bytes.fromhex(self.config["cells"])
        if data[:3] == b"\xdd\xa5\x05":
            return bytes.fromhex(self.config["hardware"])
        if data[:4] == b"\xdd\x5a\xe1\x02" and len(data) == 9:
            self.mosfets = (~data[5]) & 0x03
            return bytes.fromhex("dde10000000077")
        return None

    def pump(self):
        characteristic = self.nodes.get(self.device_path + "/service0010/char0011")
        if characteristic is None or not self.outbox:
            self.outbox = bytearray()
            return False
        chunk = bytes(self.outbox[:20])
        del self.outbox[:20]
        if characteristic.props["Notifying"]:
            characteristic.set("Value", dbus.Array(list(chunk), signature="y"))
        return len(self.outbox) > 0


def auth_frame(command, data):
    frame = bytearray([0xFF, 0xAA, command, len(data)] + list(data))
    frame.append(sum(frame[2:]) & 0xFF)
    return bytes(frame)


def expected_password(mac, password, random):
    encoded = [((m ^ ord(p)) + random) & 0xFF for m, p in zip(bytes.fromhex(mac.replace(":", "")), password)]
    return auth_frame(0x18, encoded)


def basic_info(frame, mosfets):
    frame = bytearray(frame)
    frame[4 + 20] = mosfets
    checksum = (0x10000 - sum(frame[2:-3])) & 0xFFFF
    frame[-3] = checksum >> 8
    frame[-2] = checksum & 0xFF
    return bytes(frame)


def main():
    dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
    bus = dbus.bus.BusConnection(sys.argv[1])
    with open(sys.argv[2]) as f:
        config = json.load(f)
    FakeBluez(bus, config)
    print("ready", flush=True)
    GLib.MainLoop().run()


main()
