#!/usr/bin/python3
"""Netmiko's use_textfsm against a router: each show parsed with the community ntc-templates.

usage: netmiko_textfsm.py PORT USER PASSWORD COMMAND...
The templates are where NET_TEXTFSM points (Netmiko 2.4's get_template_dir reads it).
Prints one JSON object: per command, the records Netmiko's send_command(use_textfsm=True)
returned (a list of dicts), or "error: ..." (a template's Error rule fired: a line it does not
know), "unparsed" (Netmiko gave back the raw text) or "no template".
"""
import json
import os
import sys

from netmiko import ConnectHandler
from netmiko.utilities import get_template_dir
from textfsm import clitable

port, user, password, commands = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
template_dir = get_template_dir()
table = clitable.CliTable("index", template_dir)
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
        result[cmd] = "error: %s in %r" % (e, raw)
        continue
    parsed = c.send_command(cmd, use_textfsm=True)   # what Netmiko callers get
    result[cmd] = parsed if isinstance(parsed, list) else "unparsed"
c.disconnect()
print(json.dumps(result))
