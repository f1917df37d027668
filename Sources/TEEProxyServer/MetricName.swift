import Prometheus

/// A metric's name as Traefik has it with `tee` for `traefik` (`tee_<subsystem>_<metric>_<unit>`), and its help text.
struct MetricName: Sendable {
    let subsystem: String?
    let metric: String
    let unit: String?
    let help: String

    init(_ subsystem: String?, _ metric: String, _ unit: String?, _ help: String) {
        self.subsystem = subsystem
        self.metric = metric
        self.unit = unit
        self.help = help
    }

    /// For the Prometheus registry.
    var descriptor: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "tee", subsystem: self.subsystem, metricName: self.metric, unitName: self.unit ?? "", helpText: self.help)
    }

    /// The whole name, for swift-metrics' labels (the OTLP exporter).
    var fullName: String {
        (["tee"] + [self.subsystem, self.metric, self.unit].compactMap { $0 }).joined(separator: "_")
    }
}
