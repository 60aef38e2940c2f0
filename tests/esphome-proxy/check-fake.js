'use strict';
// The independent check of fake-proxy.js: @2colors/esphome-native-api (its own api.proto, its own
// framing, noise-c for Noise) connects, reads device info, waits for the BMS's advertisement,
// connects to it, lists its services, enables notifications (CCCD + notify), writes one JBD read
// and reassembles the notified reply. Prints one JSON line; exits non-zero on any failure.
// Usage: node check-fake.js HOST PORT KEY|- BMS_MAC REQUEST_HEX
const { Connection } = require('@2colors/esphome-native-api');

const [host, port, key, mac, requestHex] = process.argv.slice(2);
const address = parseInt(mac.replace(/:/g, ''), 16);
const fail = (error) => { process.stderr.write(`check failed: ${error && error.stack || error}\n`); process.exit(1); };
setTimeout(() => fail('timed out'), 20000).unref();

const connection = new Connection({ host, port: Number(port), encryptionKey: key === '-' ? '' : key, reconnect: false, clientInfo: 'independent-check' });
connection.on('error', fail);
connection.once('authorized', async () => {
  try {
    const info = await connection.deviceInfoService();
    const heard = new Promise((resolve) => {
      const onAdvertisement = (advertisement) => {
        if (advertisement.address === address) { connection.off('message.BluetoothLEAdvertisementResponse', onAdvertisement); resolve(advertisement); }
      };
      connection.on('message.BluetoothLEAdvertisementResponse', onAdvertisement);
    });
    connection.subscribeBluetoothAdvertisementService();
    const advertisement = await heard;
    const connected = await connection.connectBluetoothDeviceService(address, advertisement.addressType);
    if (!connected.connected) throw new Error(`not connected: ${JSON.stringify(connected)}`);
    const { servicesList } = await connection.listBluetoothGATTServicesService(address);
    // The library turns the 128-bit [high, low] pair into text; a 16-bit UUID sits in its first 8 digits.
    const uuidOf = (item) => BigInt('0x' + item.uuid.slice(0, 8));
    const service = servicesList.find((s) => uuidOf(s) === 0xff00n);
    const notify = service.characteristicsList.find((c) => uuidOf(c) === 0xff01n);
    const write = service.characteristicsList.find((c) => uuidOf(c) === 0xff02n);
    const cccd = notify.descriptorsList.find((d) => uuidOf(d) === 0x2902n);
    const chunks = [];
    const frame = new Promise((resolve) => {
      connection.on('message.BluetoothGATTNotifyDataResponse', (data) => {
        if (data.address !== address || data.handle !== notify.handle) return;
        chunks.push(Buffer.from(data.data, 'base64'));
        const bytes = Buffer.concat(chunks);
        if (bytes.length >= 4 && bytes.length >= 7 + bytes[3]) resolve({ bytes, notifications: chunks.length });
      });
    });
    await connection.writeBluetoothGATTDescriptorService(address, cccd.handle, new Uint8Array([0x01, 0x00]));
    await connection.notifyBluetoothGATTCharacteristicService(address, notify.handle);
    await connection.writeBluetoothGATTCharacteristicService(address, write.handle, new Uint8Array(Buffer.from(requestHex, 'hex')), true);
    const reply = await frame;
    process.stdout.write(JSON.stringify({
      name: info.name, mac: info.macAddress, esphomeVersion: info.esphomeVersion, features: info.bluetoothProxyFeatureFlags,
      advertisedAddress: advertisement.address, rssi: advertisement.rssi, addressType: advertisement.addressType,
      mtu: connected.mtu, handles: { notify: notify.handle, write: write.handle, cccd: cccd.handle },
      frame: reply.bytes.toString('hex'), notifications: reply.notifications,
    }) + '\n');
    connection.disconnect();
    process.exit(0);
  } catch (error) {
    fail(error);
  }
});
connection.connect();
