#!/usr/bin/python3
"""Start-up time side by side: `--version` and a `--dry-run` of config/demo.yaml, wall clock.

  /usr/bin/python3 bench/footprint/startup.py --rounds 7 \
      --variant "aot=dist/streams-<version>-linux-x64" --variant "main=/tmp/streams-main/streams"

Variants and commands are interleaved round by round, so a neighbour's load hits them alike;
reported per variant and command: median and minimum over the rounds. Every run must exit 0.
"""
import argparse
import os
import shlex
import statistics
import subprocess
import sys
import time

DEMO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "config", "demo.yaml")
COMMANDS = {"--version": ["--version"], "--dry-run": ["-C", DEMO, "--dry-run"]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--variant", action="append", required=True, help="NAME=COMMAND")
    args = ap.parse_args()
    variants = [(name, shlex.split(command)) for name, command in (v.split("=", 1) for v in args.variant)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOTNET_")}
    times = {}
    for _ in range(args.rounds):
        for name, argv in variants:
            for command, extra in COMMANDS.items():
                started = time.monotonic()
                run = subprocess.run(argv + extra, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
                if run.returncode != 0:
                    print(f"{name} {command} failed: {run.stderr.decode(errors='replace')}", file=sys.stderr)
                    return 1
                times.setdefault((name, command), []).append(time.monotonic() - started)
    for (name, command), runs in times.items():
        print(f"{name:<10} {command:<10} median {statistics.median(runs) * 1000:7.0f} ms  min {min(runs) * 1000:6.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
