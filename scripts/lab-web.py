#!/usr/bin/env python3
"""A static web server for the lab scripts (scripts/record-netns-*.sh): one or more ADDR:PORT:DIR,
each served from its own thread with Python's http.server.

  lab-web.py 198.51.100.80:80:/tmp/www 203.0.113.90:80:/tmp/dl

Unlike `python3 -m http.server`, it does not look its own address up in DNS before it listens
(HTTPServer.server_bind calls socket.getfqdn, which waits for a resolver a namespace cannot reach),
so it answers as soon as it has started.
"""
import functools
import http.server
import socketserver
import sys
import threading


class Server(http.server.ThreadingHTTPServer):
    def server_bind(self):
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]


def serve(spec):
    addr, port, root = spec.split(":", 2)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=root)
    return Server((addr, int(port)), handler)


if __name__ == "__main__":
    servers = [serve(s) for s in sys.argv[1:]]
    for s in servers[1:]:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    servers[0].serve_forever()
