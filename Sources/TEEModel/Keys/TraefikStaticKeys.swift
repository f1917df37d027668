/// Every key of Traefik v3's static configuration reference (and the v2 keys v3 files still carry),
/// with what tee does with it. The README's key table is rendered from this outline.
public enum TraefikStaticKeys {
    /// The schema ``StaticConfigurationParser`` checks files against.
    public static let schema = ConfigurationKeySchema(outline: outline)

    static let outline = """
    global ~ tee never checks for new versions or sends usage data
      checkNewVersion
      sendAnonymousUsage
    serversTransport -
      insecureSkipVerify
      rootCAs
      maxIdleConnsPerHost
      forwardingTimeouts
        dialTimeout
        responseHeaderTimeout
        idleConnTimeout
      spiffe
        ids
        trustDomain
    tcpServersTransport -
      dialKeepAlive
      dialTimeout
      terminationDelay
      tls
        insecureSkipVerify
        rootCAs
        spiffe
          ids
          trustDomain
    entryPoints
      *
        address
        allowACMEByPass -
        reusePort -
        asDefault -
        transport
          lifeCycle
            requestAcceptGraceTimeout -
            graceTimeOut
          respondingTimeouts
            readTimeout
            writeTimeout
            idleTimeout
          keepAliveMaxTime -
          keepAliveMaxRequests -
        proxyProtocol -
          insecure
          trustedIPs
        forwardedHeaders
          insecure
          trustedIPs
          connection -
        http
          redirections
            entryPoint
              to
              scheme
              permanent
              priority -
          middlewares
          tls
            options -
            certResolver -
            domains[] -
              main
              sans
          encodedCharacters -
            allowEncodedSlash
            allowEncodedBackSlash
            allowEncodedNullCharacter
            allowEncodedSemicolon
            allowEncodedPercent
            allowEncodedQuestionMark
            allowEncodedHash
          encodeQuerySemicolons -
          sanitizePath -
          maxHeaderBytes
        http2
          maxConcurrentStreams
        http3 -
          advertisedPort
        udp
          timeout
        observability
          accessLogs
          metrics
          tracing
          traceVerbosity
    providers
      providersThrottleDuration
      file
        directory
        watch
        filename
        debugLogGeneratedTemplate -
      docker
        exposedByDefault
        constraints
        allowEmptyServices -
        network
        useBindPortIP
        watch
        defaultRule
        username -
        password -
        endpoint
        tls
          ca
          cert
          key
          insecureSkipVerify
        httpClientTimeout
      swarm -
        exposedByDefault
        constraints
        allowEmptyServices
        network
        useBindPortIP
        watch
        defaultRule
        username
        password
        endpoint
        tls
          ca
          cert
          key
          insecureSkipVerify
        httpClientTimeout
        refreshSeconds
      kubernetesIngress -
        endpoint
        token
        certAuthFilePath
        namespaces
        labelSelector
        ingressClass
        ingressEndpoint
          ip
          hostname
          publishedService
        throttleDuration
        allowEmptyServices
        allowExternalNameServices
        disableIngressClassLookup
        disableClusterScopeResources
        nativeLBByDefault
        strictPrefixMatching
      kubernetesIngressNGINX -
        endpoint
        token
        certAuthFilePath
        throttleDuration
        watchNamespace
        watchNamespaceSelector
        ingressClass
        controllerClass
        watchIngressWithoutClass
        ingressClassByName
        publishService
        publishStatusAddress
        defaultBackendService
        disableSvcExternalName
      kubernetesCRD -
        endpoint
        token
        certAuthFilePath
        namespaces
        allowCrossNamespace
        allowExternalNameServices
        labelSelector
        ingressClass
        throttleDuration
        allowEmptyServices
        nativeLBByDefault
        disableClusterScopeResources
      kubernetesGateway -
        endpoint
        token
        certAuthFilePath
        namespaces
        labelSelector
        throttleDuration
        experimentalChannel
        statusAddress
          ip
          hostname
          service
            name
            namespace
        nativeLBByDefault
      rest -
        insecure
      consulCatalog -
        constraints
        endpoint
          address
          scheme
          datacenter
          token
          tls
            ca
            cert
            key
            insecureSkipVerify
          httpAuth
            username
            password
          endpointWaitTime
        prefix
        refreshInterval
        requireConsistent
        stale
        cache
        exposedByDefault
        defaultRule
        connectAware
        connectByDefault
        serviceName
        watch
        strictChecks
        namespaces
      nomad -
        defaultRule
        constraints
        endpoint
          address
          region
          token
          tls
            ca
            cert
            key
            insecureSkipVerify
          endpointWaitTime
        prefix
        stale
        exposedByDefault
        refreshInterval
        allowEmptyServices
        namespaces
      ecs -
        constraints
        exposedByDefault
        refreshSeconds
        defaultRule
        clusters
        autoDiscoverClusters
        healthyTasksOnly
        ecsAnywhere
        region
        accessKeyID
        secretAccessKey
      consul -
        rootKey
        endpoints
        token
        tls
          ca
          cert
          key
          insecureSkipVerify
        namespaces
      etcd
        rootKey
        endpoints
        tls
          ca
          cert
          key
          insecureSkipVerify
        username -
        password -
      zooKeeper
        rootKey
        endpoints
        username -
        password -
      redis
        rootKey
        endpoints
        tls
          ca
          cert
          key
          insecureSkipVerify
        username
        password
        db
        sentinel -
          masterName
          username
          password
          latencyStrategy
          randomStrategy
          replicaStrategy
          useDisconnectedReplicas
      http
        endpoint
        pollInterval
        pollTimeout
        headers
          *
        tls
          ca
          cert
          key
          insecureSkipVerify
        debugLogGeneratedTemplate -
      plugin -
        **
    api
      insecure
      dashboard
      debug -
      disableDashboardAd ~ tee's dashboard shows no advertisement
      basePath -
    metrics
      addInternals
      prometheus
        buckets
        addEntryPointsLabels
        addRoutersLabels
        addServicesLabels
        entryPoint
        manualRouting -
        headerLabels -
          *
      datadog -
        address
        pushInterval
        addEntryPointsLabels
        addRoutersLabels
        addServicesLabels
        prefix
      statsD -
        address
        pushInterval
        addEntryPointsLabels
        addRoutersLabels
        addServicesLabels
        prefix
      influxDB2 -
        address
        token
        pushInterval
        org
        bucket
        addEntryPointsLabels
        addRoutersLabels
        addServicesLabels
        additionalLabels
          *
      otlp
        grpc
          endpoint
          insecure
          tls
            ca
            cert
            key
            insecureSkipVerify
          headers
            *
        http
          endpoint
          tls
            ca
            cert
            key
            insecureSkipVerify
          headers
            *
        addEntryPointsLabels
        addRoutersLabels
        addServicesLabels
        explicitBoundaries
        pushInterval
        serviceName
        resourceAttributes
          *
    ping
      entryPoint
      manualRouting -
      terminatingStatusCode -
    log
      level
      format -
      noColor ~ tee logs to the journal or plain standard error, without colour
      filePath -
      maxSize -
      maxAge -
      maxBackups -
      compress -
      otlp
        serviceName
        resourceAttributes
          *
        grpc
          endpoint
          insecure
          tls
            ca
            cert
            key
            insecureSkipVerify
          headers
            *
        http
          endpoint
          tls
            ca
            cert
            key
            insecureSkipVerify
          headers
            *
    accessLog
      filePath
      format
      filters
        statusCodes
        retryAttempts
        minDuration
      fields
        defaultMode
        names
          *
        headers
          defaultMode
          names
            *
      bufferingSize
      addInternals
      otlp
        serviceName
        resourceAttributes
          *
        grpc
          endpoint
          insecure
          tls
            ca
            cert
            key
            insecureSkipVerify
          headers
            *
        http
          endpoint
          tls
            ca
            cert
            key
            insecureSkipVerify
          headers
            *
    tracing
      serviceName
      resourceAttributes
        *
      globalAttributes
        *
      capturedRequestHeaders
      capturedResponseHeaders
      safeQueryParams
      sampleRate
      addInternals
      otlp
        grpc
          endpoint
          insecure
          tls
            ca
            cert
            key
            insecureSkipVerify
          headers
            *
        http
          endpoint
          tls
            ca
            cert
            key
            insecureSkipVerify
          headers
            *
    hostResolver -
      cnameFlattening
      resolvConfig
      resolvDepth
    certificatesResolvers
      *
        acme
          email
          caServer
          preferredChain
          profile -
          emailAddresses -
          disableCommonName -
          storage
          keyType
          eab
            kid
            hmacEncoded
          certificatesDuration
          clientTimeout
          clientResponseHeaderTimeout -
          caCertificates
          caSystemCertPool
          caServerName -
          dnsChallenge
            provider
            resolvers
            propagation
              disableChecks
              disableANSChecks -
              requireAllRNS -
              delayBeforeChecks
            delayBeforeCheck
            disablePropagationCheck
          httpChallenge
            entryPoint
            delay -
          tlsChallenge
            delay -
        tailscale -
    experimental -
      plugins
        *
          moduleName
          version
          settings
            envs
            mounts
            useUnsafe
      localPlugins
        *
          moduleName
          settings
            envs
            mounts
            useUnsafe
      abortOnPluginFailure
      fastProxy
        debug
      otlplogs
      kubernetesIngressNGINX
      kubernetesGateway
    core
      defaultRuleSyntax ~ tee speaks the v3 rule syntax only
    spiffe -
      workloadAPIAddr
    ocsp -
      responderOverrides
        *
    hub ~ removed in Traefik v3
      tls
        insecure
        ca
        cert
        key
    pilot ~ removed in Traefik v3
      token
      dashboard
    cluster
      **
    """
}
