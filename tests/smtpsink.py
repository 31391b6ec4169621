"""A tiny SMTP server for tests and benchmarks (aiosmtpd is not installed): it accepts every message on a loopback
port and keeps it, optionally waiting ``delay`` seconds before accepting each one (a slow mail server)."""

import email
import email.policy
import socketserver
import threading
import time


class _Handler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        sink, sender, recipients = self.server.sink, None, []
        self.reply("220 sink ESMTP")
        while line := self.rfile.readline():
            command = line.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250-sink" if verb == "EHLO" else "250 sink")
                if verb == "EHLO":
                    self.reply("250 8BITMIME")
            elif verb == "MAIL":
                sender, recipients = (command[10:].split() or [""])[0], []  # without BODY=, SIZE=
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command[8:].strip().strip("<>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while (data := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    lines.append(data[1:] if data.startswith(b"..") else data)
                time.sleep(sink.delay)
                message = email.message_from_bytes(b"".join(lines), policy=email.policy.default)
                with sink.lock:
                    sink.messages.append((sender, recipients, message))
                self.reply("250 OK: queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:  # RSET, NOOP and anything else
                self.reply("250 OK")


class SMTPSink:
    """``with SMTPSink(port) as sink:`` — ``sink.messages`` holds (sender, recipients, email.message) tuples."""

    def __init__(self, port: int = 0, delay: float = 0.0):
        self.delay, self.messages, self.lock = delay, [], threading.Lock()
        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", port), _Handler)
        self.server.daemon_threads = True
        self.server.sink = self
        self.port = self.server.server_address[1]

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
