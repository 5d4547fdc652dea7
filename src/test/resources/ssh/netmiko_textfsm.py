#!/usr/bin/python3
"""Netmiko's use_textfsm against a router: each show parsed with the community ntc-templates.

usage: netmiko_textfsm.py PORT USER PASSWORD COMMAND...
Needs ntc-templates (NET_TEXTFSM or ~/ntc-templates/templates; Debian does not package them).
Prints one JSON object: per command, "parsed N" (N records), "empty" (a template matched no
line), "error: ..." (the template rejected a line) or "no template".
"""
import json
import os
import sys

from netmiko import ConnectHandler
from netmiko.utilities import get_template_dir
from textfsm import clitable

port, user, password, commands = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
template_dir = get_template_dir()
table = clitable.CliTable(os.path.join(template_dir, "index"), template_dir)
c = ConnectHandler(device_type="cisco_ios", host="127.0.0.1", port=port, username=user,
                   password=password, timeout=30)
c.enable()
result = {}
for cmd in commands:
    attrs = {"Command": cmd, "Platform": "cisco_ios"}
    if table.index.GetRowMatch(attrs) == 0:
        result[cmd] = "no template"
        continue
    raw = c.send_command(cmd)
    try:
        table.ParseCmd(raw, attrs)
    except Exception as e:  # textfsm's Error action: a line the template does not know
        result[cmd] = "error: %s" % e
        continue
    parsed = c.send_command(cmd, use_textfsm=True)   # what Netmiko callers get
    result[cmd] = "parsed %d" % len(parsed) if isinstance(parsed, list) else "empty"
c.disconnect()
print(json.dumps(result))
