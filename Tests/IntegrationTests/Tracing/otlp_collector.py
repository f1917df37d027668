#!/usr/bin/env python3
"""A small OTLP trace collector for tests: receives spans over OTLP/HTTP (protobuf, POST
/v1/traces) and OTLP/gRPC (TraceService/Export), and appends each span as a JSON line to a file.

    otlp_collector.py HOST HTTP_PORT GRPC_PORT OUT_FILE

Each line: {"transport", "service", "traceId", "spanId", "parentSpanId", "name", "kind",
"status", "attributes": {key: value}}. It needs opentelemetry-proto and grpcio (scripts/python-deps).
"""
import http.server
import json
import sys
import threading
from concurrent import futures

import grpc
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2

host, http_port, grpc_port, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
lock = threading.Lock()
KINDS = {0: "unspecified", 1: "internal", 2: "server", 3: "client", 4: "producer", 5: "consumer"}


def value(any_value):
    kind = any_value.WhichOneof("value")
    if kind == "array_value":
        return [value(item) for item in any_value.array_value.values]
    return getattr(any_value, kind) if kind else None


def record(request, transport):
    lines = []
    for resource_spans in request.resource_spans:
        resource = {a.key: value(a.value) for a in resource_spans.resource.attributes}
        for scope_spans in resource_spans.scope_spans:
            for span in scope_spans.spans:
                lines.append(json.dumps({
                    "transport": transport,
                    "service": resource.get("service.name"),
                    "resource": resource,
                    "traceId": span.trace_id.hex(),
                    "spanId": span.span_id.hex(),
                    "parentSpanId": span.parent_span_id.hex(),
                    "name": span.name,
                    "kind": KINDS.get(span.kind, str(span.kind)),
                    "status": span.status.code,
                    "attributes": {a.key: value(a.value) for a in span.attributes},
                }))
    with lock, open(out, "a") as file:
        for line in lines:
            file.write(line + "\n")


class HTTPReceiver(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path != "/v1/traces":
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        request = trace_service_pb2.ExportTraceServiceRequest()
        request.ParseFromString(body)
        record(request, "http")
        reply = trace_service_pb2.ExportTraceServiceResponse().SerializeToString()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


def grpc_export(request, context):
    record(request, "grpc")
    return trace_service_pb2.ExportTraceServiceResponse()


server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(
    "opentelemetry.proto.collector.trace.v1.TraceService",
    {"Export": grpc.unary_unary_rpc_method_handler(
        grpc_export,
        request_deserializer=trace_service_pb2.ExportTraceServiceRequest.FromString,
        response_serializer=trace_service_pb2.ExportTraceServiceResponse.SerializeToString)}),))
server.add_insecure_port(f"{host}:{grpc_port}")
server.start()
httpd = http.server.ThreadingHTTPServer((host, http_port), HTTPReceiver)
print("listening", flush=True)
httpd.serve_forever()
