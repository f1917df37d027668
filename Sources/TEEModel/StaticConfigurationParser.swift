/// Reads a static configuration document, collecting every problem with its file, key and line.
public struct StaticConfigurationParser: Sendable {
    public init() {}

    /// Parses YAML or TOML text (by the file's extension); throws ``ConfigurationErrors`` listing every problem.
    ///
    /// Every key of Traefik's static reference is known (``TraefikStaticKeys``): a key tee does not
    /// act on yet loads with one warning in ``StaticConfiguration/warnings``; an unknown key is an error.
    public func parse(_ text: String, file: String) throws(ConfigurationErrors) -> StaticConfiguration {
        var errors: [ConfigurationError] = []
        do {
            let root = try ConfigNode.parse(text, file: file)
            var warnings: [ConfigurationError] = []
            TraefikStaticKeys.schema.validate(root, errors: &errors, warnings: &warnings)
            let entryPoints = try self.entryPoints(root.child("entryPoints"), errors: &errors)
            var configuration = StaticConfiguration(entryPoints: entryPoints)
            configuration.warnings = warnings
            if let ping = try root.child("ping") {
                configuration.pingEntryPoint = try ping.child("entryPoint")?.string() ?? "traefik"
            }
            if let file = try root.child("providers")?.child("file") {
                configuration.providerFile = try file.child("filename")?.string()
                configuration.providerDirectory = try file.child("directory")?.string()
                configuration.watchProvider = try file.child("watch")?.bool() ?? true
            }
            if let providers = try root.child("providers") {
                configuration.providers = try ProvidersConfiguration.parse(providers, errors: &errors)
            }
            configuration.logLevel = try root.child("log")?.child("level")?.string().lowercased()
            if let otlp = try root.child("log")?.child("otlp") {
                do {
                    configuration.logOTLP = try OTLPLogsConfiguration.parse(otlp)
                } catch {
                    errors.append(error)
                }
            }
            if let level = configuration.logLevel, !["trace", "debug", "info", "warn", "warning", "error", "fatal", "panic"].contains(level) {
                errors.append(try root.child("log")!.child("level")!.error("unknown level '\(level)'; use TRACE, DEBUG, INFO, WARN, ERROR, FATAL or PANIC"))
            }
            if let accessLog = try root.child("accessLog") {
                do {
                    configuration.accessLog = try self.accessLog(accessLog)
                } catch {
                    errors.append(error)
                }
            }
            if let tracing = try root.child("tracing") {
                do {
                    configuration.tracing = try TracingConfiguration.parse(tracing)
                } catch {
                    errors.append(error)
                }
            }
            if let metrics = try root.child("metrics") {
                let addInternals = try metrics.child("addInternals")?.bool() ?? false
                if let prometheus = try metrics.child("prometheus") {
                    configuration.metrics = try self.prometheus(prometheus)
                    configuration.metrics?.addInternals = addInternals
                }
                if let otlp = try metrics.child("otlp") {
                    do {
                        configuration.otlpMetrics = try OTLPMetricsConfiguration.parse(otlp)
                        configuration.otlpMetrics?.addInternals = addInternals
                    } catch {
                        errors.append(error)
                    }
                }
            }
            if let cluster = try root.child("cluster") {
                do {
                    configuration.cluster = try ClusterMembershipConfiguration.parse(cluster)
                } catch {
                    errors.append(error)
                }
            }
            if let resolvers = try root.child("certificatesResolvers") {
                configuration.certificateResolvers = try ACMEResolverParser(entryPointNames: Set(entryPoints.map(\.name)))
                    .resolvers(resolvers, errors: &errors)
            }
            if let api = try root.child("api") {
                configuration.api = APIConfiguration(insecure: try api.child("insecure")?.bool() ?? false,
                                                     dashboard: try api.child("dashboard")?.bool() ?? true)
            }
            for (key, name) in [("metrics.prometheus.entryPoint", configuration.metrics?.entryPoint),
                                ("api.insecure", configuration.apiEntryPoint)] {
                if let name, !entryPoints.contains(where: { $0.name == name }) {
                    errors.append(ConfigurationError(file: file, key: key, line: nil,
                                                     message: "entry point '\(name)' is not defined under entryPoints"))
                }
            }
            if let ping = configuration.pingEntryPoint, !entryPoints.contains(where: { $0.name == ping }) {
                let node = try root.child("ping")
                errors.append(node?.error("entry point '\(ping)' is not defined under entryPoints; "
                    + "add it or set ping.entryPoint to one that is") ?? ConfigurationError(file: file, key: "ping", line: nil, message: "unknown entry point"))
            }
            guard errors.isEmpty else { throw ConfigurationErrors(errors) }
            return configuration
        } catch let error as ConfigurationError {
            throw ConfigurationErrors(errors + [error])
        } catch let error as ConfigurationErrors {
            throw error
        } catch {
            throw ConfigurationErrors(errors + [ConfigurationError(file: file, key: "", line: nil, message: "\(error)")])
        }
    }

    private func entryPoints(_ node: ConfigNode?, errors: inout [ConfigurationError]) throws(ConfigurationError) -> [EntryPointConfiguration] {
        guard let node else { return [] }
        var result: [EntryPointConfiguration] = []
        for (name, entry) in try node.entries() {
            guard let addressNode = try entry.child("address") else {
                errors.append(entry.error("missing address; set it like address: \":80\""))
                continue
            }
            let text = try addressNode.string()
            guard let address = ListenAddress(parsing: text) else {
                errors.append(addressNode.error("'\(text)' is not an address; use :PORT, HOST:PORT or [IPv6]:PORT"))
                continue
            }
            var entryPoint = EntryPointConfiguration(name: name, address: address)
            do {
                try self.entryPointDetails(entry, into: &entryPoint)
            } catch {
                errors.append(error)
                continue
            }
            result.append(entryPoint)
        }
        return result.sorted { $0.name < $1.name }
    }

    private func accessLog(_ node: ConfigNode) throws(ConfigurationError) -> AccessLogConfiguration {
        var accessLog = AccessLogConfiguration(filePath: try node.child("filePath")?.string(),
                                               format: try node.child("format")?.string() ?? "common")
        if !["common", "json"].contains(accessLog.format) {
            throw try node.child("format")!.error("unknown format '\(accessLog.format)'; use common or json")
        }
        accessLog.bufferingSize = try node.child("bufferingSize")?.int(atLeast: 0) ?? 0
        accessLog.otlp = try node.child("otlp").map(OTLPLogsConfiguration.parse)
        accessLog.addInternals = try node.child("addInternals")?.bool() ?? false
        if let filters = try node.child("filters") {
            if let codes = try filters.child("statusCodes") {
                for code in try codes.stringList() {
                    guard let range = AccessLogFilters.statusRange(code) else {
                        throw codes.error("'\(code)' is not a status code or range; use one such as \"200\" or \"400-404\"")
                    }
                    accessLog.filters.statusCodes.append(range)
                }
            }
            accessLog.filters.retryAttempts = try filters.child("retryAttempts")?.bool() ?? false
            accessLog.filters.minDuration = try filters.child("minDuration")?.duration()
        }
        if let fields = try node.child("fields") {
            func mode(_ node: ConfigNode, allowed: [AccessLogFields.Mode]) throws(ConfigurationError) -> AccessLogFields.Mode {
                let text = try node.string().lowercased()
                guard let mode = AccessLogFields.Mode(rawValue: text), allowed.contains(mode) else {
                    throw node.error("'\(text)' is not a mode; use \(allowed.map(\.rawValue).joined(separator: ", "))")
                }
                return mode
            }
            if let defaultMode = try fields.child("defaultMode") { accessLog.fields.defaultMode = try mode(defaultMode, allowed: [.keep, .drop]) }
            for (name, value) in try fields.child("names")?.entries() ?? [] {
                accessLog.fields.names[name] = try mode(value, allowed: [.keep, .drop])
            }
            if let headers = try fields.child("headers") {
                if let defaultMode = try headers.child("defaultMode") {
                    accessLog.fields.headersDefaultMode = try mode(defaultMode, allowed: AccessLogFields.Mode.allCases)
                }
                for (name, value) in try headers.child("names")?.entries() ?? [] {
                    accessLog.fields.headerNames[name.lowercased()] = try mode(value, allowed: AccessLogFields.Mode.allCases)
                }
            }
        }
        return accessLog
    }

    private func prometheus(_ node: ConfigNode) throws(ConfigurationError) -> MetricsConfiguration {
        var metrics = MetricsConfiguration()
        metrics.entryPoint = try node.child("entryPoint")?.string() ?? metrics.entryPoint
        metrics.addEntryPointsLabels = try node.child("addEntryPointsLabels")?.bool() ?? metrics.addEntryPointsLabels
        metrics.addRoutersLabels = try node.child("addRoutersLabels")?.bool() ?? metrics.addRoutersLabels
        metrics.addServicesLabels = try node.child("addServicesLabels")?.bool() ?? metrics.addServicesLabels
        if let buckets = try node.child("buckets") { metrics.buckets = try buckets.histogramBounds() }
        return metrics
    }

    private func entryPointDetails(_ entry: ConfigNode, into entryPoint: inout EntryPointConfiguration) throws(ConfigurationError) {
        if let transport = try entry.child("transport") {
            if let grace = try transport.child("lifeCycle")?.child("graceTimeOut") {
                entryPoint.graceTimeout = try grace.duration()
            }
            if let timeouts = try transport.child("respondingTimeouts") {
                entryPoint.readTimeout = try timeouts.child("readTimeout")?.duration() ?? entryPoint.readTimeout
                entryPoint.writeTimeout = try timeouts.child("writeTimeout")?.duration() ?? entryPoint.writeTimeout
                entryPoint.idleTimeout = try timeouts.child("idleTimeout")?.duration() ?? entryPoint.idleTimeout
            }
        }
        if let node = try entry.child("observability") {
            let observability = try RouterObservability.parse(node)
            entryPoint.accessLogs = observability.accessLogs ?? true
            entryPoint.metrics = observability.metrics ?? true
            entryPoint.tracing = observability.tracing ?? true
            entryPoint.detailedTracing = observability.detailedTracing ?? false
        }
        if let streams = try entry.child("http2")?.child("maxConcurrentStreams") {
            entryPoint.maxConcurrentStreams = try streams.int(atLeast: 1)
        }
        if let udp = try entry.child("udp") {
            entryPoint.udpTimeout = try udp.child("timeout")?.duration() ?? entryPoint.udpTimeout
        }
        if let forwarded = try entry.child("forwardedHeaders") {
            entryPoint.trustAllForwardedHeaders = try forwarded.child("insecure")?.bool() ?? false
            for item in try forwarded.child("trustedIPs")?.items() ?? [] {
                let text = try item.string()
                guard let network = IPNetwork(text) else { throw item.error("'\(text)' is not an IP address or CIDR range") }
                entryPoint.trustedIPs.append(network)
            }
        }
        if let http = try entry.child("http") {
            if let redirect = try http.child("redirections")?.child("entryPoint") {
                guard let to = try redirect.child("to") else { throw redirect.error("missing to: the entry point to redirect to") }
                entryPoint.redirection = EntryPointRedirection(
                    to: try to.string(),
                    scheme: try redirect.child("scheme")?.string() ?? "https",
                    permanent: try redirect.child("permanent")?.bool() ?? true
                )
            }
            entryPoint.defaultTLS = try http.child("tls") != nil
            entryPoint.defaultMiddlewares = try http.child("middlewares")?.stringList() ?? []
            if let limit = try http.child("maxHeaderBytes") {
                entryPoint.maxHeaderBytes = try limit.int(atLeast: 1024)
            }
        }
    }
}
