#!/usr/bin/env python3
"""A mesh test service: answers every request with "NAME METHOD PATH" and the caller's identity.

    mesh_backend.py NAME PORT [MODE]

MODE is "ok" (200, the default), "fail" (500), or "tcp" (an echo server). POST /_heal turns a
failing service into a healthy one; POST /_fail the other way; /sleep/MS answers after MS ms;
/echo answers with the request's body; /traceparent with the request's traceparent header.
"""
import http.server
import socketserver
import sys
import time

name, port = sys.argv[1], int(sys.argv[2])
mode = sys.argv[3] if len(sys.argv) > 3 else "ok"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self):
        global mode
        length = int(self.headers.get("Content-Length") or 0)
        received = self.rfile.read(length) if length else b""
        if self.path == "/_heal":
            mode = "ok"
        elif self.path == "/_fail":
            mode = "fail"
        elif self.path.startswith("/sleep/"):
            time.sleep(int(self.path[len("/sleep/"):]) / 1000)
        status = 500 if mode == "fail" else 200
        body = f"{name} {self.command} {self.path} {self.headers.get('x-tee-mesh-source', '-')}\n".encode()
        if self.path == "/echo":
            body = received
        elif self.path == "/traceparent":
            body = (self.headers.get("traceparent") or "-").encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_DELETE = answer

    def log_message(self, *args):
        pass


class Echo(socketserver.BaseRequestHandler):
    def handle(self):
        while True:
            data = self.request.recv(65536)
            if not data:
                return
            self.request.sendall(name.encode() + b":" + data)


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


if mode == "tcp":
    Server(("127.0.0.1", port), Echo).serve_forever()
else:
    http.server.ThreadingHTTPServer.allow_reuse_address = True
    http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
