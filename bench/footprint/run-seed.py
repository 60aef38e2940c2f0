"""Runs the Python bridge (eg4-battery.py, the seed this project replaces) on Debian's packages.

Debian 12 ships python3-paho-mqtt 1.6, whose Client() has no callback_api_version argument and no
CallbackAPIVersion; the seed (written for paho-mqtt 2.0) passes CallbackAPIVersion.VERSION2 and sets
no callbacks, so dropping that argument runs it exactly as on paho-mqtt 2.0.
Usage: python3 run-seed.py -C config.yaml [--dry-run]
"""
import os
import runpy
import sys

import paho.mqtt.client as mqtt

if not hasattr(mqtt, "CallbackAPIVersion"):
    class CallbackAPIVersion:
        VERSION1 = 1
        VERSION2 = 2

    class Client(mqtt.Client):
        def __init__(self, callback_api_version=None, *args, **kwargs):
            super().__init__(*args, **kwargs)

    mqtt.CallbackAPIVersion = CallbackAPIVersion
    mqtt.Client = Client

seed = os.path.join(os.path.dirname(os.path.abspath(__file__)), "eg4-battery.py")
sys.argv = [seed] + sys.argv[1:]
runpy.run_path(seed, run_name="__main__")
