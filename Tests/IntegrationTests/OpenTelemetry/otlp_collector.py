#!/usr/bin/env python3
"""A small OTLP collector for tests: receives spans, metrics and logs over OTLP/HTTP (protobuf,
POST /v1/traces, /v1/metrics, /v1/logs) and OTLP/gRPC (the Trace, Metrics and Logs services'
Export), and appends each span, metric data point and log record as a JSON line to a file.

    otlp_collector.py HOST HTTP_PORT GRPC_PORT OUT_FILE [count]

Each line: {"transport", "service", "traceId", "spanId", "parentSpanId", "name", "kind",
"status", "attributes": {key: value}}; a data point: {"transport", "service", "metric", "type" (sum,
gauge, histogram), "attributes", "value" (a histogram's count), "sum"}; a log record: {"transport",
"service", "log" (the body), "severity", "attributes"}. With `count` (for benchmarks) the file holds only the number
of spans received so far. It needs opentelemetry-proto and grpcio (scripts/python-deps).
"""
import http.server
import json
import sys
import threading
from concurrent import futures

import grpc
from opentelemetry.proto.collector.logs.v1 import logs_service_pb2
from opentelemetry.proto.collector.metrics.v1 import metrics_service_pb2
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2

host, http_port, grpc_port, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
counting = len(sys.argv) > 5 and sys.argv[5] == "count"
received = 0
lock = threading.Lock()
KINDS = {0: "unspecified", 1: "internal", 2: "server", 3: "client", 4: "producer", 5: "consumer"}


def value(any_value):
    kind = any_value.WhichOneof("value")
    if kind == "array_value":
        return [value(item) for item in any_value.array_value.values]
    return getattr(any_value, kind) if kind else None


def attributes(items):
    return {a.key: value(a.value) for a in items}


def append(lines):
    with lock, open(out, "a") as file:
        for line in lines:
            file.write(json.dumps(line) + "\n")


def each(resources, scopes, items):
    """(resource attributes, item) for every item of every scope of every resource."""
    for resource in resources:
        owner = attributes(resource.resource.attributes)
        for scope in getattr(resource, scopes):
            for item in getattr(scope, items):
                yield owner, item


def record(request, transport):
    global received
    if counting:
        spans = sum(1 for _ in each(request.resource_spans, "scope_spans", "spans"))
        with lock:
            received += spans
            with open(out, "w") as file:
                file.write(str(received))
        return
    append({"transport": transport, "service": resource.get("service.name"), "resource": resource,
            "traceId": span.trace_id.hex(), "spanId": span.span_id.hex(), "parentSpanId": span.parent_span_id.hex(),
            "name": span.name, "kind": KINDS.get(span.kind, str(span.kind)), "status": span.status.code,
            "attributes": attributes(span.attributes)}
           for resource, span in each(request.resource_spans, "scope_spans", "spans"))


def record_metrics(request, transport):
    lines = []
    for resource, metric in each(request.resource_metrics, "scope_metrics", "metrics"):
        kind = metric.WhichOneof("data")
        for point in getattr(metric, kind).data_points:
            line = {"transport": transport, "service": resource.get("service.name"), "metric": metric.name, "type": kind,
                    "attributes": attributes(point.attributes)}
            if kind == "histogram":
                line["value"], line["sum"] = point.count, point.sum
            else:
                line["value"] = point.as_double if point.WhichOneof("value") == "as_double" else point.as_int
            lines.append(line)
    append(lines)


def record_logs(request, transport):
    append({"transport": transport, "service": resource.get("service.name"), "log": value(record.body),
            "severity": record.severity_text, "attributes": attributes(record.attributes)}
           for resource, record in each(request.resource_logs, "scope_logs", "log_records"))


class HTTPReceiver(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path == "/v1/traces":
            request = trace_service_pb2.ExportTraceServiceRequest()
            request.ParseFromString(body)
            record(request, "http")
            reply = trace_service_pb2.ExportTraceServiceResponse().SerializeToString()
        elif self.path == "/v1/logs":
            request = logs_service_pb2.ExportLogsServiceRequest()
            request.ParseFromString(body)
            record_logs(request, "http")
            reply = logs_service_pb2.ExportLogsServiceResponse().SerializeToString()
        elif self.path == "/v1/metrics":
            request = metrics_service_pb2.ExportMetricsServiceRequest()
            request.ParseFromString(body)
            record_metrics(request, "http")
            reply = metrics_service_pb2.ExportMetricsServiceResponse().SerializeToString()
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
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


def grpc_export_logs(request, context):
    record_logs(request, "grpc")
    return logs_service_pb2.ExportLogsServiceResponse()


def grpc_export_metrics(request, context):
    record_metrics(request, "grpc")
    return metrics_service_pb2.ExportMetricsServiceResponse()


server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
server.add_generic_rpc_handlers((
    grpc.method_handlers_generic_handler("opentelemetry.proto.collector.trace.v1.TraceService", {"Export": grpc.unary_unary_rpc_method_handler(
        grpc_export,
        request_deserializer=trace_service_pb2.ExportTraceServiceRequest.FromString,
        response_serializer=trace_service_pb2.ExportTraceServiceResponse.SerializeToString)}),
    grpc.method_handlers_generic_handler("opentelemetry.proto.collector.metrics.v1.MetricsService", {"Export": grpc.unary_unary_rpc_method_handler(
        grpc_export_metrics,
        request_deserializer=metrics_service_pb2.ExportMetricsServiceRequest.FromString,
        response_serializer=metrics_service_pb2.ExportMetricsServiceResponse.SerializeToString)}),
    grpc.method_handlers_generic_handler("opentelemetry.proto.collector.logs.v1.LogsService", {"Export": grpc.unary_unary_rpc_method_handler(
        grpc_export_logs,
        request_deserializer=logs_service_pb2.ExportLogsServiceRequest.FromString,
        response_serializer=logs_service_pb2.ExportLogsServiceResponse.SerializeToString)}),
))
server.add_insecure_port(f"{host}:{grpc_port}")
server.start()
httpd = http.server.ThreadingHTTPServer((host, http_port), HTTPReceiver)
print("listening", flush=True)
httpd.serve_forever()
