#!/usr/bin/python3
"""A real SMTP server on loopback for the mail tests (python3-aiosmtpd), started and stopped by the test.

    smtp_sink.py FOLDER

Listens on 127.0.0.1 on a free port the kernel picks (written to FOLDER/port once it listens) and keeps every
message it takes as FOLDER/msg-N.eml. What it does with the next message is read from FOLDER/mode each time:
  ok          take it (250)                                         (the default, and when the file is absent)
  refuse      answer the end of DATA with 550 and keep nothing
  stall-data  keep the message, then never answer the end of DATA (the relay took it, the sender never hears)
  stall-rcpt  never answer RCPT TO (the sender is stopped before it sends anything)
Each step is appended to FOLDER/events ("rcpt", "data", "refused", "stalled"), so a test can wait for it.
Stops on SIGTERM.
"""
import asyncio
import os
import signal
import socket
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.n = 0

    def mode(self):
        try:
            with open(os.path.join(self.folder, "mode")) as f:
                return f.read().strip() or "ok"
        except FileNotFoundError:
            return "ok"

    def event(self, what):
        with open(os.path.join(self.folder, "events"), "a") as f:
            f.write(what + "\n")
            f.flush()
            os.fsync(f.fileno())

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.event("rcpt")
        if self.mode() == "stall-rcpt":
            self.event("stalled")
            await asyncio.sleep(3600)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.event("data")
        mode = self.mode()
        if mode == "refuse":
            self.event("refused")
            return "550 5.7.1 Message refused by the test relay's policy"
        self.n += 1
        path = os.path.join(self.folder, "msg-%d.eml" % self.n)
        with open(path + ".tmp", "wb") as f:
            f.write(("X-Envelope-From: %s\r\nX-Envelope-To: %s\r\n" % (envelope.mail_from, ",".join(envelope.rcpt_tos))).encode())
            f.write(envelope.original_content or envelope.content)
            f.flush()
            os.fsync(f.fileno())
        os.rename(path + ".tmp", path)
        if mode == "stall-data":
            self.event("stalled")
            await asyncio.sleep(3600)
        return "250 2.0.0 Queued"


async def main(folder):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    loop = asyncio.get_running_loop()
    handler = Sink(folder)
    server = await loop.create_server(lambda: SMTP(handler, hostname="sink.test"), sock=sock)
    with open(os.path.join(folder, "port.tmp"), "w") as f:
        f.write(str(sock.getsockname()[1]))
    os.rename(os.path.join(folder, "port.tmp"), os.path.join(folder, "port"))
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    await stop.wait()
    server.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
