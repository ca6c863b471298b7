#!/usr/bin/env python3
"""A fake OpenAI-compatible upstream for benchmarks: answers every
POST .../chat/completions at once with the same short answer and a fixed usage, so
that what a benchmark measures is coracle, not a model. Python 3 standard library only.

The model name picks the behaviour. A model whose name starts with "slow" (such as
"slow-model") hangs like a slow model: it answers only after FAKE_SLOW_SECONDS seconds
(environment, default 120), so a benchmark can keep model calls in flight. Every other
model answers at once.

Usage: fake_openai.py [PORT]   (default 0: any free port)
Prints "listening on PORT" once it accepts connections. GET /stats answers
{"completions": N, "in_flight": M}: the number of chat completions received so far
(counted when they arrive, so slow ones too) and how many have not been answered yet.
Non-streamed answers only are the point; "stream": true gets a minimal event stream.
"""
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ANSWER = "Paris is the capital of France."
USAGE = {"prompt_tokens": 12, "completion_tokens": 8, "total_tokens": 20}

SLOW_SECONDS = float(os.environ.get("FAKE_SLOW_SECONDS") or 120)

lock = threading.Lock()
completions = 0
in_flight = 0


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real upstream
    disable_nagle_algorithm = True  # headers and body go out at once

    def log_message(self, *args):
        pass

    def _read_body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            data = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _send(self, status, body, content_type="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path.rstrip("/").endswith("/stats"):
            stats = {"completions": completions, "in_flight": in_flight}
            self._send(200, json.dumps(stats).encode())
        elif self.path.rstrip("/").endswith("/models"):
            model = {"id": "fake-model", "object": "model", "created": 0, "owned_by": "fake"}
            self._send(200, json.dumps({"object": "list", "data": [model]}).encode())
        else:
            self._send(404, b'{"error":{"message":"not found"}}')

    def do_POST(self):
        global completions, in_flight
        raw = self._read_body()
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._send(404, b'{"error":{"message":"not found"}}')
            return
        try:
            request = json.loads(raw or b"{}")
        except ValueError:
            self._send(400, b'{"error":{"message":"invalid json"}}')
            return
        with lock:
            completions += 1
            ident = "chatcmpl-fake-%d" % completions
            in_flight += 1
        try:
            model = request.get("model", "fake-model")
            if str(model).startswith("slow"):
                time.sleep(SLOW_SECONDS)
            self._answer(request, model, ident)
        finally:
            with lock:
                in_flight -= 1

    def _answer(self, request, model, ident):
        created = int(time.time())
        if request.get("stream"):
            delta = {"role": "assistant", "content": ANSWER}
            chunks = [
                {"choices": [{"index": 0, "delta": delta, "finish_reason": None}]},
                {"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}], "usage": USAGE},
            ]
            body = b"".join(
                b"data: " + json.dumps(dict(c, id=ident, object="chat.completion.chunk",
                                            created=created, model=model)).encode() + b"\n\n"
                for c in chunks) + b"data: [DONE]\n\n"
            self._send(200, body, "text/event-stream")
            return
        answer = {
            "id": ident,
            "object": "chat.completion",
            "created": created,
            "model": model,
            "choices": [{
                "index": 0,
                "message": {"role": "assistant", "content": ANSWER},
                "finish_reason": "stop",
            }],
            "usage": USAGE,
        }
        self._send(200, json.dumps(answer).encode())


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    print("listening on %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
