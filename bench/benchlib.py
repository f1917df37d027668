"""What the cluster benchmarks share: free ports, waiting, HTTP requests, a backend, and a cluster
of etcd members, tee-controllers and tee-proxies on loopback (plain processes, no TLS)."""
import http.client, http.server, subprocess, socket, sys, threading, time

LOGS = []

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def wait_for(check, timeout=30.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.005)
    for path in LOGS:
        print(f"--- {path}", file=sys.stderr)
        print(open(path).read()[-2000:], file=sys.stderr)
    sys.exit(f"timed out waiting for {what}")

def request(port, method, path, body=None, headers=None, timeout=5):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), data

class Backend(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")
    def log_message(self, *args):
        pass

def start_backend():
    """A backend answering 200 `ok`; returns its port."""
    backend = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Backend)
    threading.Thread(target=backend.serve_forever, daemon=True).start()
    return backend.server_address[1]

def percentiles(latencies):
    """p50 and p99 of a list of milliseconds."""
    ordered = sorted(latencies)
    p50 = ordered[len(ordered) // 2] if len(ordered) % 2 else (ordered[len(ordered) // 2 - 1] + ordered[len(ordered) // 2]) / 2
    return p50, ordered[min(len(ordered) - 1, int(round(0.99 * len(ordered))) - 1)]

class Cluster:
    """`size` etcd members with a tee-controller each (given `controller_args`), and `proxies` tee-proxies."""
    def __init__(self, work, binaries, size=3, proxies=2, controller_args=(), keep=False):
        self.work, self.processes = work, []
        members = [(f"m{i}", free_port(), free_port()) for i in range(size)]
        initial = ",".join(f"{name}=http://127.0.0.1:{peer}" for name, _, peer in members)
        for name, client, peer in members:
            self.spawn(["etcd", "--name", name, "--data-dir", f"{work}/{name}", "--listen-client-urls", f"http://127.0.0.1:{client}",
                        "--advertise-client-urls", f"http://127.0.0.1:{client}", "--listen-peer-urls", f"http://127.0.0.1:{peer}",
                        "--initial-advertise-peer-urls", f"http://127.0.0.1:{peer}", "--initial-cluster", initial,
                        "--initial-cluster-token", "bench"], f"{name}.log")
        self.controllers = []
        for index, (name, client, _) in enumerate(members):
            api, distribution = free_port(), free_port()
            self.controllers.append((api, distribution))
            self.spawn([f"{binaries}/tee-controller", "--name", f"c{index}", "--etcd", f"http://127.0.0.1:{client}", "--api-socket", "",
                        "--api-address", f"127.0.0.1:{api}", "--distribution-address", f"127.0.0.1:{distribution}",
                        "--dynamic-directory", ""] + list(controller_args) + (["--log-level", "debug"] if keep else []), f"c{index}.log")
        self.proxies = []
        addresses = ", ".join('"127.0.0.1:%d"' % d for _, d in self.controllers)
        for index in range(proxies):
            web = free_port()
            self.proxies.append(web)
            path = f"{work}/p{index}.yaml"
            with open(path, "w") as file:
                file.write(f"entryPoints:\n  web:\n    address: \"127.0.0.1:{web}\"\ncluster:\n  nodeName: p{index}\n"
                           f"  controllers: [{addresses}]\n"
                           f"  stateDirectory: {work}/p{index}\nlog:\n  level: {'info' if keep else 'warn'}\n")
            self.spawn([f"{binaries}/tee-proxy", "--config", path], f"p{index}.log")
        for port, _ in self.controllers:
            wait_for(lambda: request(port, "GET", "/api/v1/ready")[0] == 200, what="the controllers")

    def spawn(self, command, log):
        LOGS.append(f"{self.work}/{log}")
        self.processes.append(subprocess.Popen(command, stdout=open(f"{self.work}/{log}", "w"), stderr=subprocess.STDOUT))

    def stop(self):
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
