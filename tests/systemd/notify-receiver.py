#!/usr/bin/env python3
"""A NOTIFY_SOCKET as systemd holds it: binds an AF_UNIX datagram socket at
argv[1], prints each message it receives as one JSON line (its fields split
on newlines), and closes any file descriptor passed with it (SCM_RIGHTS:
systemd-notify's BARRIER=1 waits for that close). Prints "listening" first."""
import array
import json
import os
import socket
import sys

path = sys.argv[1]
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(path)
os.chmod(path, 0o666)  # a sender that is not root may write
print(json.dumps({"listening": path}), flush=True)
while True:
    data, ancillary, _flags, _addr = sock.recvmsg(4096, socket.CMSG_SPACE(16 * 4))
    for level, kind, payload in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds = array.array("i")
            fds.frombytes(payload[: len(payload) - (len(payload) % fds.itemsize)])
            for fd in fds:
                os.close(fd)
    fields = [line for line in data.decode("utf-8", "replace").split("\n") if line]
    print(json.dumps({"fields": fields}), flush=True)
