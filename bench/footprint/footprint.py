#!/usr/bin/python3
"""Footprint side by side: bridges polling 16 simulated packs every 10 s, all running at once.

Every (variant, run) gets its own mosquitto on a free loopback port and its own copy of one
seed-format configuration (bus.mode active, transport mock: each bridge simulates the packs
itself), so the Python bridge, which always connects as client id "eg4-battery", and several
Streams builds never meet on a broker. A subscriber on each broker notes when the first state
message arrives. After the given minutes each bridge's resident set (VmRSS) and CPU time
(utime + stime) are read from /proc, then it is stopped with SIGTERM. The resident set is also
split as the kernel counts it: anonymous (RssAnon: heaps, stacks, runtime data; only swap can
take it back) and file-backed (RssFile + RssShmem: the executable's and libraries' pages, clean,
dropped and read again under memory pressure). No environment variable
tunes any of them (DOTNET_* variables are removed from the children's environment).

  /usr/bin/python3 bench/footprint/footprint.py --minutes 10 --runs 3 \
      --variant "main=dotnet /tmp/streams-main/streams.dll -C {config}" \
      --variant "aot=dist/streams-<version>-linux-x64 -C {config}"

The Python bridge (variant "python", bench/footprint/run-seed.py) is always included.
Needs Debian's mosquitto, python3-paho-mqtt, python3-serial and python3-yaml.
"""
import argparse
import os
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import paho.mqtt.client as mqtt

HERE = os.path.dirname(os.path.abspath(__file__))
PACKS = 16
CLK_TCK = os.sysconf("SC_CLK_TCK")

CONFIG = """bus:
  mode: active
  transport: mock
  poll_interval_s: 10
mqtt:
  host: 127.0.0.1
  port: {port}
  username: bench
  password: bench
  discovery_prefix: homeassistant
packs:
{packs}
cell_count: 16
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def is_state(topic: str) -> bool:
    # Python bridge: homeassistant/sensor/<pack>_<key>/state; Streams: streams/<pack>/state.
    return topic.endswith("/state") and not topic.startswith("streams/bridge/")


class Instance:
    def __init__(self, variant: str, command: str, run: int, workdir: str):
        self.variant, self.run = variant, run
        self.dir = os.path.join(workdir, f"{variant}-{run}")
        os.makedirs(self.dir)
        self.port = free_port()
        with open(os.path.join(self.dir, "mosquitto.conf"), "w") as f:
            f.write(f"listener {self.port} 127.0.0.1\nallow_anonymous true\npersistence false\n")
        self.broker = subprocess.Popen(["mosquitto", "-c", os.path.join(self.dir, "mosquitto.conf")],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.config = os.path.join(self.dir, "config.yaml")
        packs = "\n".join(f"  - {{name: pack{i:02d}, address: {i}}}" for i in range(1, PACKS + 1))
        with open(self.config, "w") as f:
            f.write(CONFIG.format(port=self.port, packs=packs))
        self.command = shlex.split(command.format(config=self.config))
        self.first_state = None
        self.started = None
        self.messages = 0
        self.process = None
        self.rss_kb = self.hwm_kb = self.anon_kb = self.file_kb = self.cpu_s = None

    def watch(self):
        client = mqtt.Client(client_id=f"watch-{self.variant}-{self.run}")
        client.on_message = self._on_message
        for _ in range(100):
            try:
                client.connect("127.0.0.1", self.port)
                break
            except OSError:
                time.sleep(0.05)
        client.subscribe("#")
        client.loop_start()
        self.client = client

    def _on_message(self, client, userdata, message):
        self.messages += 1
        if self.first_state is None and self.started is not None and is_state(message.topic):
            self.first_state = time.monotonic() - self.started

    def start(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("DOTNET_")}
        self.started = time.monotonic()
        self.process = subprocess.Popen(self.command, cwd=self.dir, env=env, stdout=subprocess.DEVNULL,
                                        stderr=open(os.path.join(self.dir, "stderr.log"), "w"))

    def sample(self):
        with open(f"/proc/{self.process.pid}/status") as f:
            status = dict(line.split(":", 1) for line in f)
        self.rss_kb = int(status["VmRSS"].split()[0])
        self.hwm_kb = int(status["VmHWM"].split()[0])
        self.anon_kb = int(status["RssAnon"].split()[0])
        self.file_kb = int(status["RssFile"].split()[0]) + int(status["RssShmem"].split()[0])
        with open(f"/proc/{self.process.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        self.cpu_s = (int(fields[11]) + int(fields[12])) / CLK_TCK

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.client.loop_stop()
        self.broker.terminate()
        self.broker.wait(10)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=10)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--variant", action="append", default=[], help="NAME=COMMAND with {config}")
    args = ap.parse_args()
    variants = [("python", f"/usr/bin/python3 {HERE}/run-seed.py -C {{config}}")]
    variants += [tuple(v.split("=", 1)) for v in args.variant]

    workdir = tempfile.mkdtemp(prefix="streams-footprint-")
    instances = [Instance(name, command, run, workdir) for run in range(args.runs) for name, command in variants]
    for instance in instances:
        instance.watch()
    for instance in instances:
        instance.start()
    deadline = time.monotonic() + args.minutes * 60
    while time.monotonic() < deadline:
        time.sleep(1)
        for instance in instances:
            if instance.process.poll() is not None:
                print(f"{instance.variant} run {instance.run} exited early ({instance.process.returncode}); see {instance.dir}/stderr.log", file=sys.stderr)
                return 1
    for instance in instances:
        instance.sample()
    for instance in instances:
        instance.stop()

    print(f"{PACKS} packs every 10 s, {args.minutes:g} min, {args.runs} run(s) of each variant at once; median (min–max)")
    print(f"{'variant':<10} {'RSS MB':>20} {'anonymous MB':>20} {'file-backed MB':>20} {'peak RSS MB':>20} {'CPU s/min':>20} {'first state s':>20} {'messages':>10}")
    for name, _ in variants:
        runs = [i for i in instances if i.variant == name]

        def cell(values, fmt):
            values = [v for v in values if v is not None]
            if not values:
                return "none"
            return f"{statistics.median(values):{fmt}} ({min(values):{fmt}}–{max(values):{fmt}})"

        print(f"{name:<10} {cell([i.rss_kb / 1024 for i in runs], '.1f'):>20} {cell([i.anon_kb / 1024 for i in runs], '.1f'):>20} "
              f"{cell([i.file_kb / 1024 for i in runs], '.1f'):>20} {cell([i.hwm_kb / 1024 for i in runs], '.1f'):>20} "
              f"{cell([i.cpu_s / args.minutes for i in runs], '.3f'):>20} {cell([i.first_state for i in runs], '.2f'):>20} "
              f"{statistics.median([i.messages for i in runs]):>10.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
