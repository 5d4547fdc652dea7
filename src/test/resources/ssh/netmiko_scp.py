#!/usr/bin/python3
"""Netmiko's file_transfer (SCP) against a router: put a file to flash, get it back.

usage: netmiko_scp.py PORT USER PASSWORD LOCAL_FILE BACK_FILE
Prints one JSON object: the results of the put, of the same put again (already there) and of
the get (each {file_exists, file_transferred, file_verified}, verified by `verify /md5`).
"""
import json
import sys

from netmiko import ConnectHandler, file_transfer

port, user, password, local, back = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
c = ConnectHandler(device_type="cisco_ios", host="127.0.0.1", port=port, username=user,
                   password=password, timeout=30)
c.enable()
result = {"put": file_transfer(c, source_file=local, dest_file="netmiko.txt", direction="put")}
result["again"] = file_transfer(c, source_file=local, dest_file="netmiko.txt", direction="put")
result["get"] = file_transfer(c, source_file="netmiko.txt", dest_file=back, direction="get")
result["dir"] = c.send_command("dir flash0:/netmiko.txt")
c.disconnect()
print(json.dumps(result))
