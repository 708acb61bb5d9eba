"""An HTTP proxy on 127.0.0.1 that adds a fixed delay to every request before
passing it to an upstream (moto), standing in for the distance to AWS.

--serial handles one request at a time: the same calls, made one after
another. Each request's start and end are logged (JSON lines) so the longest
chain of calls that waited for one another can be measured.

Usage: delay_proxy.py LISTEN_PORT UPSTREAM_URL DELAY_SECONDS LOG_FILE [--serial]
"""

import http.client
import json
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, UPSTREAM, DELAY, LOG = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), sys.argv[4]
SERIAL = "--serial" in sys.argv
ONE_AT_A_TIME = threading.Lock()
LOG_LOCK = threading.Lock()
upstream = urllib.parse.urlparse(UPSTREAM)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle's algorithm the body
    # would wait for a delayed ACK (40 ms on Linux), which is not distance.
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def handle_one(self):
        start = time.monotonic()
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        time.sleep(DELAY)
        connection = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=30)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "keep-alive")}
        connection.request(self.command, self.path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        self.send_response(response.status)
        for key, value in response.getheaders():
            if key.lower() not in ("transfer-encoding", "connection", "content-length", "server", "date"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        connection.close()
        end = time.monotonic()
        with LOG_LOCK, open(LOG, "a") as log:
            action = self.headers.get("X-Amz-Target") or urllib.parse.parse_qs(body.decode(errors="replace")).get("Action", [""])[0]
            log.write(json.dumps({"start": start, "end": end, "method": self.command, "path": self.path, "action": action}) + "\n")

    def handle_any(self):
        if SERIAL:
            with ONE_AT_A_TIME:
                self.handle_one()
        else:
            self.handle_one()

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = handle_any


class Server(ThreadingHTTPServer):
    # The default backlog of 5 refuses a burst of concurrent connections.
    request_queue_size = 128


server = Server(("127.0.0.1", PORT), Handler)
server.daemon_threads = True
server.serve_forever()
