'use strict';
// A fake ESPHome Bluetooth proxy for the Streams integration tests (loopback only).
// It speaks the native API in plaintext or Noise (noise-c, the library ESPHome's firmware uses,
// compiled to WebAssembly) with protobuf messages from our api.proto (protobufjs), and plays the
// proxy side as ESPHome 2026.x does: hello, device info, raw advertisements to the last subscriber
// only, connection slots, V3 connects with and without cache, GATT services, CCCD writes, notify
// registration, writes with and without response, disconnects reported twice then a slot update.
// Behind it sit JBD BMSs answering 0x03/0x04/0x05 reads and 0xE1 MOSFET writes with real frames
// in 20-byte notifications. Usage: node fake-proxy.js config.json; control lines on stdin
// (drop MAC, silent on|off, bms-silent on|off, range MAC in|out, reboot MS, slots N, occupy MAC,
// ping, disconnect-clients, frame MAC basic|cells|hardware HEX, state); events on stdout, one per line.
const net = require('net');
const fs = require('fs');
const path = require('path');
const readline = require('readline');
const protobuf = require('protobufjs');
const createNoise = require('@richardhopton/noise-c.wasm');

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const say = (line) => process.stdout.write(line + '\n');

// ---- messages -------------------------------------------------------------------------------
const root = new protobuf.Root();
root.resolvePath = (origin, target) => target.startsWith('google/protobuf/')
  ? path.join(path.dirname(require.resolve('protobufjs/package.json')), target)
  : protobuf.util.path.resolve(origin, target);
root.loadSync(config.proto);
const byId = new Map();
const idOf = new Map();
for (const type of root.nestedArray) {
  if (type instanceof protobuf.Type && type.options && type.options['(id)']) {
    byId.set(type.options['(id)'], type);
    idOf.set(type.name, type.options['(id)']);
  }
}
const encode = (name, fields) => {
  const type = root.lookupType(name);
  return { id: idOf.get(name), payload: Buffer.from(type.encode(type.fromObject(fields || {})).finish()) };
};
const u64 = (value) => BigInt(value.toString());
const macOf = (address) => address.toString(16).padStart(12, '0').toUpperCase().match(/../g).join(':');
const addressOf = (mac) => BigInt('0x' + mac.replace(/:/g, ''));

// ---- the proxy's state ----------------------------------------------------------------------
const FEATURES = 0x7f; // passive scan, active connections, remote caching, pairing, cache clearing, raw adverts, state+mode
const bmss = new Map((config.bms || []).map((b) => [addressOf(b.mac), {
  ...b, address: addressOf(b.mac), inRange: true, mosfets: 0x03, outbox: [],
}]));
const state = {
  slots: config.slots ?? 3, silent: false, bmsSilent: false, subscriber: null,
  connections: new Map(), phantoms: new Set(), clients: new Set(), server: null,
};
const HANDLES = { service: 0x10, notify: 0x11, cccd: 0x12, write: 0x14 };

const free = () => Math.max(0, state.slots - state.connections.size - state.phantoms.size);
const allocated = () => [...state.connections.keys(), ...state.phantoms].map((a) => a.toString());
const toSubscriber = (name, fields) => { if (state.subscriber) send(state.subscriber, name, fields); };
const sendFree = (client) => send(client, 'BluetoothConnectionsFreeResponse', { free: free(), limit: state.slots, allocated: allocated() });

// ---- framing --------------------------------------------------------------------------------
function frameNoise(payload) {
  const header = Buffer.from([0x01, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([header, Buffer.from(payload)]);
}

function varint(value) {
  const bytes = [];
  while (value >= 0x80) { bytes.push((value & 0x7f) | 0x80); value >>>= 7; }
  bytes.push(value);
  return bytes;
}

function send(client, name, fields) {
  if (state.silent || client.socket.destroyed || !client.ready) return;
  const { id, payload } = encode(name, fields);
  if (client.cipher) {
    const inner = Buffer.concat([Buffer.from([id >> 8, id & 0xff, payload.length >> 8, payload.length & 0xff]), payload]);
    client.socket.write(frameNoise(client.cipher.send.EncryptWithAd([], inner)));
  } else {
    client.socket.write(Buffer.concat([Buffer.from([0x00, ...varint(payload.length), ...varint(id)]), payload]));
  }
}

function readFrames(client, chunk) {
  client.buffer = Buffer.concat([client.buffer, chunk]);
  while (client.buffer.length > 0 && !client.socket.destroyed) {
    if (config.key) {
      if (client.buffer[0] !== 0x01) return reject(client, 'Bad indicator byte', true);
      if (client.buffer.length < 3) return;
      const length = (client.buffer[1] << 8) | client.buffer[2];
      if (client.buffer.length < 3 + length) return;
      const frame = client.buffer.subarray(3, 3 + length);
      client.buffer = client.buffer.subarray(3 + length);
      noiseFrame(client, Buffer.from(frame));
    } else {
      if (client.buffer[0] !== 0x00) {
        client.socket.end(Buffer.from('\x00Bad indicator byte', 'latin1'));
        say('refused plaintext-expected');
        return;
      }
      let at = 1;
      const read = () => { let value = 0, shift = 0; for (;;) { if (at >= client.buffer.length) return -1; const b = client.buffer[at++]; value |= (b & 0x7f) << shift; if (!(b & 0x80)) return value; shift += 7; } };
      const length = read(); if (length < 0) return;
      const type = read(); if (type < 0) return;
      if (client.buffer.length < at + length) return;
      const payload = client.buffer.subarray(at, at + length);
      client.buffer = client.buffer.subarray(at + length);
      handle(client, type, Buffer.from(payload));
    }
  }
}

function reject(client, reason, close) {
  client.socket.write(frameNoise(Buffer.concat([Buffer.from([0x01]), Buffer.from(reason)])));
  say(`refused ${reason}`);
  if (close) client.socket.end();
}

function noiseFrame(client, frame) {
  if (client.stage === 'hello') {
    // The prologue binds the client hello: "NoiseAPIInit", its 16-bit length, its bytes.
    const prologue = Buffer.concat([Buffer.from('NoiseAPIInit'), Buffer.from([frame.length >> 8, frame.length & 0xff]), frame]);
    client.socket.write(frameNoise(Buffer.concat([Buffer.from([0x01]), Buffer.from(config.name), Buffer.from([0]),
      Buffer.from(config.mac.replace(/:/g, '').toLowerCase()), Buffer.from([0])])));
    client.handshake = noise.HandshakeState('Noise_NNpsk0_25519_ChaChaPoly_SHA256', noise.constants.NOISE_ROLE_RESPONDER);
    client.handshake.Initialize(new Uint8Array(prologue), null, null, new Uint8Array(Buffer.from(config.key, 'base64')));
    client.stage = 'handshake';
    return;
  }
  if (client.stage === 'handshake') {
    if (frame.length === 0 || frame[0] !== 0x00) return reject(client, 'Bad handshake error byte', true);
    try {
      client.handshake.ReadMessage(new Uint8Array(frame.subarray(1)));
    } catch (error) {
      return reject(client, 'Handshake MAC failure', true);
    }
    const answer = client.handshake.WriteMessage();
    client.socket.write(frameNoise(Buffer.concat([Buffer.from([0x00]), Buffer.from(answer)])));
    const [sendCipher, receiveCipher] = client.handshake.Split();
    client.cipher = { send: sendCipher, receive: receiveCipher };
    client.stage = 'data';
    client.ready = true;
    say('handshake ok');
    return;
  }
  let plain;
  try {
    plain = Buffer.from(client.cipher.receive.DecryptWithAd([], new Uint8Array(frame)));
  } catch (error) {
    say('decrypt failed');
    client.socket.destroy();
    return;
  }
  const type = (plain[0] << 8) | plain[1];
  const length = (plain[2] << 8) | plain[3];
  handle(client, type, plain.subarray(4, 4 + length));
}

// ---- the API --------------------------------------------------------------------------------
function handle(client, id, payload) {
  const type = byId.get(id);
  if (!type) return;
  const message = type.toObject(type.decode(payload), { longs: String, enums: String, defaults: true });
  if (state.silent) return;
  switch (type.name) {
    case 'HelloRequest':
      client.api = [message.apiVersionMajor, message.apiVersionMinor];
      client.info = message.clientInfo;
      say(`hello ${message.clientInfo} ${message.apiVersionMajor}.${message.apiVersionMinor}`);
      return send(client, 'HelloResponse', { apiVersionMajor: 1, apiVersionMinor: 12, serverInfo: 'fake 2026.1.0', name: config.name });
    case 'AuthenticationRequest':
      say('auth');
      if (config.legacyPassword !== undefined && config.legacyPassword !== null) {
        send(client, 'AuthenticationResponse', { invalidPassword: message.password !== config.legacyPassword });
      }
      return; // ESPHome 2026.1 and later: not processed, never answered.
    case 'DeviceInfoRequest':
      return send(client, 'DeviceInfoResponse', {
        name: config.name, macAddress: config.mac, esphomeVersion: '2026.1.0', model: 'esp32dev', manufacturer: 'Espressif',
        friendlyName: 'Fake BMS proxy', bluetoothProxyFeatureFlags: FEATURES, bluetoothMacAddress: config.bluetoothMac || config.mac,
        apiEncryptionSupported: !!config.key,
      });
    case 'PingRequest':
      return send(client, 'PingResponse');
    case 'PingResponse':
      return say('pong');
    case 'DisconnectRequest':
      send(client, 'DisconnectResponse');
      return client.socket.end();
    case 'DisconnectResponse':
      return client.socket.destroy();
    case 'SubscribeBluetoothLEAdvertisementsRequest':
      state.subscriber = client; // the newest subscriber wins
      client.raw = (message.flags & 1) === 1;
      return say(`subscribed ${client.info} flags=${message.flags}`);
    case 'UnsubscribeBluetoothLEAdvertisementsRequest':
      return unsubscribe(client);
    case 'SubscribeBluetoothConnectionsFreeRequest':
      return sendFree(client);
    case 'BluetoothDeviceRequest':
      return deviceRequest(client, message);
    case 'BluetoothGATTGetServicesRequest':
      return services(client, u64(message.address));
    case 'BluetoothGATTWriteDescriptorRequest':
      return writeDescriptor(u64(message.address), message.handle, Buffer.from(message.data, 'base64'));
    case 'BluetoothGATTNotifyRequest':
      return notifyRequest(u64(message.address), message.handle, message.enable);
    case 'BluetoothGATTWriteRequest':
      return write(u64(message.address), message.handle, Buffer.from(message.data, 'base64'), message.response);
    default:
      return undefined;
  }
}

function unsubscribe(client) {
  if (state.subscriber !== client) return;
  state.subscriber = null;
  say(`unsubscribed ${client.info}`);
  // Nobody to report to: the proxy tears the BLE links down.
  for (const address of [...state.connections.keys()]) { state.connections.delete(address); say(`teardown ${macOf(address)}`); }
}

function deviceRequest(client, message) {
  const address = u64(message.address);
  const mac = macOf(address);
  const kind = message.requestType;
  if (kind === 'BLUETOOTH_DEVICE_REQUEST_TYPE_CONNECT_V3_WITH_CACHE' || kind === 'BLUETOOTH_DEVICE_REQUEST_TYPE_CONNECT_V3_WITHOUT_CACHE') {
    const cache = kind.endsWith('WITH_CACHE');
    say(`connect ${mac} cache=${cache ? 1 : 0} type=${message.addressType}`);
    if (!message.hasAddressType) return toSubscriber('BluetoothDeviceConnectionResponse', { address: address.toString(), connected: false });
    const existing = state.connections.get(address);
    if (existing) {
      if (existing.connected) toSubscriber('BluetoothDeviceConnectionResponse', { address: address.toString(), connected: true, mtu: 23 });
      return undefined;
    }
    if (free() === 0) {
      say(`full ${mac}`);
      return toSubscriber('BluetoothDeviceConnectionResponse', { address: address.toString(), connected: false });
    }
    const connection = { address, cache, connected: false, cccd: false, registered: false };
    state.connections.set(address, connection);
    state.subscriber && sendFree(state.subscriber);
    const bms = bmss.get(address);
    if (!bms || !bms.inRange) {
      setTimeout(() => {
        if (state.connections.get(address) !== connection) return;
        state.connections.delete(address);
        say(`connect failed ${mac}`);
        toSubscriber('BluetoothDeviceConnectionResponse', { address: address.toString(), connected: false, error: 133 });
        state.subscriber && sendFree(state.subscriber);
      }, config.connectFailMs ?? 300);
      return undefined;
    }
    setTimeout(() => {
      if (state.connections.get(address) !== connection) return;
      connection.connected = true;
      say(`connected ${mac}`);
      toSubscriber('BluetoothDeviceConnectionResponse', { address: address.toString(), connected: true, mtu: 23 });
      state.subscriber && sendFree(state.subscriber);
    }, 30);
    return undefined;
  }
  if (kind === 'BLUETOOTH_DEVICE_REQUEST_TYPE_DISCONNECT') {
    say(`disconnect ${mac}`);
    if (!state.connections.has(address)) {
      toSubscriber('BluetoothDeviceConnectionResponse', { address: address.toString(), connected: false });
      return state.subscriber && sendFree(state.subscriber);
    }
    setTimeout(() => lose(address, 0x16), 10);
  }
  return undefined;
}

// A link going down as ESPHome reports it: disconnect event, close event (both connected=false), then the slot.
function lose(address, reason) {
  if (!state.connections.delete(address)) return;
  const bms = bmss.get(address);
  if (bms) bms.outbox = [];
  toSubscriber('BluetoothDeviceConnectionResponse', { address: address.toString(), connected: false, error: reason });
  toSubscriber('BluetoothDeviceConnectionResponse', { address: address.toString(), connected: false, error: reason });
  state.subscriber && sendFree(state.subscriber);
  say(`gone ${macOf(address)}`);
}

function uuid(client, short) {
  // API 1.12+ clients get 16-bit UUIDs as short_uuid, older ones the 128-bit [high, low] pair.
  if (client.api && (client.api[0] > 1 || client.api[1] >= 12)) return { shortUuid: short };
  const high = (BigInt(short) << 32n) | 0x1000n;
  return { uuid: [high.toString(), 0x800000805f9b34fbn.toString()] };
}

function services(client, address) {
  const connection = state.connections.get(address);
  if (!connection || !connection.connected) {
    return toSubscriber('BluetoothGATTErrorResponse', { address: address.toString(), handle: 0, error: 133 });
  }
  if (!connection.cache) {
    toSubscriber('BluetoothGATTGetServicesResponse', {
      address: address.toString(),
      services: [
        { ...uuid(client, 0x1800), handle: 1, characteristics: [{ ...uuid(client, 0x2a00), handle: 3, properties: 0x02 }] },
        {
          ...uuid(client, 0xff00), handle: HANDLES.service, characteristics: [
            { ...uuid(client, 0xff01), handle: HANDLES.notify, properties: 0x12, descriptors: [{ ...uuid(client, 0x2902), handle: HANDLES.cccd }] },
            { ...uuid(client, 0xff02), handle: HANDLES.write, properties: 0x0c },
          ],
        },
      ],
    });
  }
  // A connect with the cache flag did no discovery: the proxy has nothing to list.
  say(`services ${macOf(address)} ${connection.cache ? 'none (cached connect)' : 'sent'}`);
  return toSubscriber('BluetoothGATTGetServicesDoneResponse', { address: address.toString() });
}

function writeDescriptor(address, handle, data) {
  const connection = state.connections.get(address);
  if (!connection || !connection.connected || handle !== HANDLES.cccd) {
    return toSubscriber('BluetoothGATTErrorResponse', { address: address.toString(), handle, error: 1 });
  }
  connection.cccd = data.equals(Buffer.from([0x01, 0x00]));
  say(`cccd ${macOf(address)} ${data.toString('hex')}`);
  return toSubscriber('BluetoothGATTWriteResponse', { address: address.toString(), handle });
}

function notifyRequest(address, handle, enable) {
  const connection = state.connections.get(address);
  if (!connection || !connection.connected || handle !== HANDLES.notify) {
    return toSubscriber('BluetoothGATTErrorResponse', { address: address.toString(), handle, error: 1 });
  }
  connection.registered = enable;
  say(`notify ${macOf(address)} ${enable ? 'on' : 'off'}`);
  return toSubscriber('BluetoothGATTNotifyResponse', { address: address.toString(), handle });
}

function write(address, handle, data, response) {
  const connection = state.connections.get(address);
  if (!connection || !connection.connected || handle !== HANDLES.write) {
    return toSubscriber('BluetoothGATTErrorResponse', { address: address.toString(), handle, error: 1 });
  }
  say(`write ${macOf(address)} ${data.toString('hex')} response=${response ? 1 : 0}`);
  if (response) toSubscriber('BluetoothGATTWriteResponse', { address: address.toString(), handle });
  const bms = bmss.get(address);
  const reply = bms && !state.bmsSilent ? answer(bms, data) : null;
  if (!reply) return undefined;
  for (let at = 0; at < reply.length; at += 20) bms.outbox.push(reply.subarray(at, at + 20));
  pump(bms);
  return undefined;
}

function pump(bms) {
  if (bms.pumping) return;
  bms.pumping = true;
  const next = () => {
    const chunk = bms.outbox.shift();
    const connection = state.connections.get(bms.address);
    if (!chunk || !connection) { bms.pumping = false; bms.outbox = []; return; }
    // The peripheral notifies only after the CCCD write; the proxy forwards only registered handles.
    if (connection.cccd && connection.registered) {
      toSubscriber('BluetoothGATTNotifyDataResponse', { address: bms.address.toString(), handle: HANDLES.notify, data: chunk.toString('base64') });
    }
    setTimeout(next, 3);
  };
  next();
}

// ---- the JBD BMS ----------------------------------------------------------------------------
function answer(bms, data) {
  const hex = data.toString('hex');
  if (hex.startsWith('dda503')) return basicInfo(Buffer.from(bms.basic, 'hex'), bms.mosfets);
  if (hex.startsWith('dda504')) return Buffer.from(bms.cells, 'hex');
  if (hex.startsWith('dda505')) return Buffer.from(bms.hardware, 'hex');
  if (hex.startsWith('dd5ae102') && data.length === 9) {
    bms.mosfets = (~data[5]) & 0x03;
    say(`mosfets ${bms.mac} ${bms.mosfets}`);
    return Buffer.from('dde10000000077', 'hex');
  }
  return null;
}

function basicInfo(frame, mosfets) {
  const out = Buffer.from(frame);
  out[4 + 20] = mosfets;
  let sum = 0;
  for (let i = 2; i < out.length - 3; i++) sum += out[i];
  const checksum = (0x10000 - sum) & 0xffff;
  out[out.length - 3] = checksum >> 8;
  out[out.length - 2] = checksum & 0xff;
  return out;
}

function advertisement(bms) {
  const name = Buffer.from(bms.name);
  const data = Buffer.concat([Buffer.from([0x02, 0x01, 0x06, name.length + 1, 0x09]), name, Buffer.from([0x03, 0x03, 0x00, 0xff])]);
  return { address: bms.address.toString(), rssi: bms.rssi, addressType: bms.addressType || 0, data: data.toString('base64') };
}

setInterval(() => {
  const client = state.subscriber;
  if (!client || !client.raw) return;
  const heard = [...bmss.values()].filter((b) => b.inRange && !state.connections.has(b.address)).map(advertisement);
  heard.push({ address: (0x112233445566n).toString(), rssi: -80, addressType: 1, data: Buffer.from([0x02, 0x01, 0x06]).toString('base64') });
  send(client, 'BluetoothLERawAdvertisementsResponse', { advertisements: heard });
}, config.advertiseMs ?? 100);

// ---- control --------------------------------------------------------------------------------
function control(line) {
  const [command, ...args] = line.trim().split(/\s+/);
  switch (command) {
    case 'drop': lose(addressOf(args[0]), 0x08); break;
    case 'silent': state.silent = args[0] === 'on'; say(`silent ${args[0]}`); break;
    case 'bms-silent': state.bmsSilent = args[0] === 'on'; say(`bms-silent ${args[0]}`); break;
    case 'range': {
      const bms = bmss.get(addressOf(args[0]));
      bms.inRange = args[1] === 'in';
      if (!bms.inRange) lose(bms.address, 0x08);
      say(`range ${args[0]} ${args[1]}`);
      break;
    }
    case 'slots': state.slots = Number(args[0]); state.subscriber && sendFree(state.subscriber); say(`slots ${state.slots}`); break;
    case 'occupy': state.phantoms.add(addressOf(args[0])); state.subscriber && sendFree(state.subscriber); say(`occupied ${args[0]}`); break;
    case 'ping': for (const client of state.clients) send(client, 'PingRequest'); say('pinged'); break;
    case 'disconnect-clients': for (const client of state.clients) send(client, 'DisconnectRequest'); say('disconnecting clients'); break;
    case 'reboot': reboot(Number(args[0] || 200)); break;
    case 'frame': {
      // frame MAC basic|cells|hardware HEX: the BMS answers with another real frame from now on.
      const bms = bmss.get(addressOf(args[0]));
      bms[args[1]] = args[2];
      say(`frame ${args[0]} ${args[1]}`);
      break;
    }
    case 'state': say(`state ${JSON.stringify({ connections: [...state.connections.keys()].map(macOf), subscriber: state.subscriber && state.subscriber.info, clients: state.clients.size })}`); break;
    default: say(`unknown command ${command}`);
  }
}

function reboot(downMs) {
  for (const client of state.clients) client.socket.destroy();
  state.clients.clear();
  state.subscriber = null;
  state.connections.clear();
  state.silent = false;
  for (const bms of bmss.values()) bms.outbox = [];
  say('rebooting');
  state.server.close(() => setTimeout(() => listen(config.port, () => say('rebooted')), downMs));
}

function listen(port, done) {
  state.server = net.createServer((socket) => {
    socket.setNoDelay(true);
    const client = { socket, buffer: Buffer.alloc(0), ready: !config.key, stage: config.key ? 'hello' : 'data', info: '?' };
    state.clients.add(client);
    say('client connected');
    socket.on('data', (chunk) => { try { readFrames(client, chunk); } catch (error) { say(`error ${error.message}`); socket.destroy(); } });
    socket.on('error', () => {});
    socket.on('close', () => {
      state.clients.delete(client);
      unsubscribe(client);
      say(`client closed ${client.info}`);
    });
  });
  state.server.listen(port, '127.0.0.1', () => { config.port = state.server.address().port; done(); });
}

let noise;
createNoise((instance) => {
  noise = instance;
  listen(config.port || 0, () => say(`listening ${config.port}`));
  readline.createInterface({ input: process.stdin }).on('line', control).on('close', () => process.exit(0));
});
