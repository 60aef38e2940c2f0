#!/usr/bin/python3
"""End-to-end `--replay` side by side: each variant replays one capture to /dev/null, in turns.

  /usr/bin/python3 bench/footprint/replay.py --capture /tmp/streams-bench-capture-100MB.bin --rounds 3 \
      --variant "main=dotnet /tmp/streams-main/streams.dll" --variant "aot=dist/streams-<version>-linux-x64"

Each variant gets `-C <sniffer config> --replay <capture>` appended; stdout (the console sink's
`topic payload` lines) goes to /dev/null. Reported per variant: the best and median wall-clock
MB/s (10^6 bytes of capture per second), CPU seconds and peak RSS, from wait4(2). Rounds
alternate between the variants, so a neighbour's load hits them alike. Make the capture with
`dotnet run -c Release --project bench/Streams.Bench -- --write-capture PATH 100`.
"""
import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

CONFIG = """sources:
  - kind: sniffer
    port: /dev/null
    baud: 19200
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--capture", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--variant", action="append", required=True, help="NAME=COMMAND")
    args = ap.parse_args()
    size = os.path.getsize(args.capture)
    config = os.path.join(tempfile.mkdtemp(prefix="streams-replay-"), "sniffer.yaml")
    with open(config, "w") as f:
        f.write(CONFIG)
    variants = [tuple(v.split("=", 1)) for v in args.variant]
    results = {name: [] for name, _ in variants}
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOTNET_")}
    for _ in range(args.rounds):
        for name, command in variants:
            argv = shlex.split(command) + ["-C", config, "--replay", args.capture]
            started = time.monotonic()
            with open(os.devnull, "w") as devnull:
                process = subprocess.Popen(argv, stdout=devnull, stderr=subprocess.PIPE, env=env)
                _, status, usage = os.wait4(process.pid, 0)
                stderr = process.stderr.read().decode(errors="replace")
            wall = time.monotonic() - started
            if os.waitstatus_to_exitcode(status) != 0:
                print(f"{name} failed: {stderr}", file=sys.stderr)
                return 1
            results[name].append((size / 1e6 / wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, wall))
    print(f"--replay of {size / 1e6:.0f} MB to /dev/null, {args.rounds} round(s), variants in turn")
    print(f"{'variant':<10} {'best MB/s':>10} {'median MB/s':>12} {'CPU s':>8} {'MB per CPU-s':>13} {'peak RSS MB':>12}")
    for name, _ in variants:
        runs = results[name]
        cpu = statistics.median(r[1] for r in runs)
        print(f"{name:<10} {max(r[0] for r in runs):>10.1f} {statistics.median(r[0] for r in runs):>12.1f} "
              f"{cpu:>8.1f} {size / 1e6 / cpu:>13.1f} {statistics.median(r[2] for r in runs):>12.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
