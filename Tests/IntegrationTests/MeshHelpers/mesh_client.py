#!/usr/bin/env python3
"""A mesh test client: resolves NAME through the agent's DNS responder, then sends requests on
one keep-alive connection (reconnecting after errors) and prints what came back, as JSON:
{"status": {"200": n, ...}, "names": {"api": n, ...}, "errors": n, "address": "127.77.x.y"}

    mesh_client.py DNS_HOST:PORT NAME PORT COUNT [METHOD] [PATH] [HEADER:VALUE]
    mesh_client.py DNS_HOST:PORT NAME PORT --tcp TEXT    (one TCP round trip; prints the answer or "closed")
    mesh_client.py DNS_HOST:PORT NAME PORT --pipeline PATH...
        (GET requests for the paths in one write on one connection, HTTP/1.1 pipelining; prints
        {"answers": ["STATUS BODY", ...]} in the order the answers came)
    mesh_client.py DNS_HOST:PORT NAME PORT --echo BYTES
        (POSTs a body of BYTES to /echo; prints {"status": S, "length": N, "same": true|false}:
        whether the answer's body is the one sent)
"""
import http.client
import json
import random
import socket
import struct
import sys


def resolve(dns, name):
    host, port = dns.rsplit(":", 1)
    query_id = random.randint(0, 65535)
    question = b"".join(bytes([len(label)]) + label.encode() for label in name.split(".")) + b"\0"
    query = struct.pack(">HHHHHH", query_id, 0x0100, 1, 0, 0, 0) + question + struct.pack(">HH", 1, 1)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        udp.settimeout(3)
        udp.sendto(query, (host, int(port)))
        answer, _ = udp.recvfrom(512)
    count = struct.unpack(">H", answer[6:8])[0]
    if count < 1 or answer[3] & 0x0F != 0:
        raise SystemExit(f"{name}: no address (rcode {answer[3] & 0x0F})")
    return socket.inet_ntoa(answer[-4:])


dns, name, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
address = resolve(dns, name)
if sys.argv[4] == "--tcp":
    try:
        with socket.create_connection((address, port), timeout=5) as connection:
            connection.sendall(sys.argv[5].encode())
            data = connection.recv(65536)
            print(json.dumps({"answer": data.decode() if data else "closed", "address": address}))
    except OSError as error:
        print(json.dumps({"answer": "closed", "error": str(error), "address": address}))
    raise SystemExit(0)

if sys.argv[4] == "--pipeline":
    paths = sys.argv[5:]
    requests = "".join(f"GET {path} HTTP/1.1\r\nHost: {name}:{port}\r\n\r\n" for path in paths)
    answers, data = [], b""
    with socket.create_connection((address, port), timeout=10) as connection:
        connection.sendall(requests.encode())
        while len(answers) < len(paths):
            head_end = data.find(b"\r\n\r\n")
            if head_end >= 0:
                head = data[:head_end].decode("latin-1").split("\r\n")
                length = next((int(line.split(":", 1)[1]) for line in head if line.lower().startswith("content-length:")), 0)
                if len(data) >= head_end + 4 + length:
                    body = data[head_end + 4:head_end + 4 + length].decode().strip()
                    answers.append(f"{head[0].split(' ')[1]} {body}")
                    data = data[head_end + 4 + length:]
                    continue
            chunk = connection.recv(65536)
            if not chunk:
                break
            data += chunk
    print(json.dumps({"answers": answers, "address": address}))
    raise SystemExit(0)

if sys.argv[4] == "--echo":
    sent = bytes((index * 7 + 3) % 251 for index in range(int(sys.argv[5])))
    connection = http.client.HTTPConnection(address, port, timeout=10)
    connection.request("POST", "/echo", body=sent, headers={"Host": f"{name}:{port}"})
    response = connection.getresponse()
    received = response.read()
    print(json.dumps({"status": response.status, "length": len(received), "same": received == sent, "address": address}))
    raise SystemExit(0)

count = int(sys.argv[4])
method = sys.argv[5] if len(sys.argv) > 5 else "GET"
path = sys.argv[6] if len(sys.argv) > 6 else "/"
headers = {"Host": f"{name}:{port}"}
for header in sys.argv[7:]:
    key, value = header.split(":", 1)
    headers[key] = value
status, names, errors, bodies = {}, {}, 0, []
connection = None
for _ in range(count):
    try:
        if connection is None:
            connection = http.client.HTTPConnection(address, port, timeout=10)
        connection.request(method, path, headers=headers)
        response = connection.getresponse()
        body = response.read().decode()
        status[str(response.status)] = status.get(str(response.status), 0) + 1
        word = body.split(" ", 1)[0]
        names[word] = names.get(word, 0) + 1
        if len(bodies) < 3:
            bodies.append(body.strip())
        if response.getheader("connection", "").lower() == "close":
            connection.close()
            connection = None
    except (OSError, http.client.HTTPException):
        errors += 1
        if connection is not None:
            connection.close()
        connection = None
print(json.dumps({"status": status, "names": names, "errors": errors, "address": address, "bodies": bodies}))
