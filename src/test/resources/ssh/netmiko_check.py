#!/usr/bin/python3
"""Netmiko (cisco_ios) against a router: the calls automation scripts make.

usage: netmiko_check.py PORT USER PASSWORD ENABLE_SECRET
Prints one JSON object: the prompt, `show ip interface brief`, whether `show running-config`
holds the change made with send_config_set, and the save_config() output.
"""
import json
import sys

from netmiko import ConnectHandler

port, user, password, secret = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
c = ConnectHandler(device_type="cisco_ios", host="127.0.0.1", port=port, username=user,
                   password=password, secret=secret, timeout=30)
result = {"prompt": c.find_prompt()}
c.enable()
result["brief"] = c.send_command("show ip interface brief")
result["ping"] = c.send_command("ping 192.0.2.99 repeat 3 timeout 1")
result["config"] = c.send_config_set([
    "interface GigabitEthernet0/2",
    "description netmiko was here",
    "ip address 203.0.113.1 255.255.255.0",
    "no shutdown",
])
running = c.send_command("show running-config")
result["running_has_change"] = "description netmiko was here" in running
result["running_ends"] = running.rstrip().endswith("end")
result["save"] = c.save_config()
c.disconnect()
print(json.dumps(result))
