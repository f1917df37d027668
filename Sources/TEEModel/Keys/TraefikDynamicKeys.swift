/// Every key of Traefik v3's dynamic configuration reference (the file provider's format), with
/// what tee does with it. ``DynamicConfigurationParser`` warns about the keys tee accepts without
/// acting on them; the README's key table is rendered from this outline.
public enum TraefikDynamicKeys {
    public static let schema = ConfigurationKeySchema(outline: outline)

    static let outline = """
    http
      routers
        *
          entryPoints
          middlewares
          service
          rule
          ruleSyntax ~ tee speaks the v3 rule syntax only
          priority
          observability
            accessLogs
            metrics
            tracing
            traceVerbosity
          tls
            options
            certResolver
            domains[]
              main
              sans
      services
        *
          loadBalancer
            servers[]
              url
              weight
              preservePath -
            strategy
            sticky
              cookie
                name
                secure
                httpOnly
                sameSite
                maxAge
                path
                domain -
            healthCheck
              scheme
              mode
              path
              method -
              status
              port
              interval
              unhealthyInterval
              timeout
              hostname
              followRedirects
              headers
                *
            passiveHealthCheck
              failureWindow
              maxFailedAttempts
            passHostHeader
            responseForwarding
              flushInterval
            serversTransport
          mirroring
            service
            mirrorBody
            maxBodySize
            healthCheck -
            mirrors[]
              name
              percent
          weighted
            healthCheck -
            services[]
              name
              weight
            sticky
              cookie
                name
                secure
                httpOnly
                sameSite
                maxAge
                path
                domain -
          failover
            service
            fallback
            healthCheck -
      middlewares
        *
          addPrefix
            prefix
          basicAuth
            users
            usersFile
            realm
            removeHeader
            headerField
          buffering
            maxRequestBodyBytes
            memRequestBodyBytes
            maxResponseBodyBytes
            memResponseBodyBytes
            retryExpression !
          chain
            middlewares
          circuitBreaker
            expression
            checkPeriod
            fallbackDuration
            recoveryDuration
            responseCode
          compress
            excludedContentTypes
            includedContentTypes
            minResponseBodyBytes
            encodings
            defaultEncoding
          contentType
            autoDetect
          digestAuth
            users
            usersFile
            removeHeader
            realm
            headerField
          errors
            status
            statusRewrites !
              *
            service
            query
          forwardAuth
            address
            tls
              ca
              cert
              key
              insecureSkipVerify
              caOptional
            trustForwardHeader
            authResponseHeaders
            authResponseHeadersRegex
            authRequestHeaders
            addAuthCookiesToResponse
            headerField -
            forwardBody !
            maxBodySize -
            preserveLocationHeader -
            preserveRequestMethod !
          grpcWeb !
            allowOrigins
          headers
            customRequestHeaders
              *
            customResponseHeaders
              *
            accessControlAllowCredentials
            accessControlAllowHeaders
            accessControlAllowMethods
            accessControlAllowOriginList
            accessControlAllowOriginListRegex
            accessControlExposeHeaders
            accessControlMaxAge
            addVaryHeader
            allowedHosts
            hostsProxyHeaders
            sslProxyHeaders -
              *
            stsSeconds
            stsIncludeSubdomains
            stsPreload
            forceSTSHeader
            frameDeny
            customFrameOptionsValue
            contentTypeNosniff
            browserXssFilter
            customBrowserXSSValue
            contentSecurityPolicy
            contentSecurityPolicyReportOnly
            publicKey
            referrerPolicy
            permissionsPolicy
            isDevelopment
          ipAllowList
            sourceRange
            ipStrategy
              depth
              excludedIPs
              ipv6Subnet
            rejectStatusCode
          inFlightReq
            amount
            sourceCriterion
              ipStrategy
                depth
                excludedIPs
                ipv6Subnet
              requestHeaderName
              requestHost
          passTLSClientCert
            pem
            info
              notAfter
              notBefore
              sans
              serialNumber
              subject
                country
                province
                locality
                organization
                organizationalUnit
                commonName
                serialNumber
                domainComponent
              issuer
                country
                province
                locality
                organization
                commonName
                serialNumber
                domainComponent
          plugin
            jwt
              **
            apiKey
              **
            hmac
              **
            oAuthIntrospection
              **
            oAuthClientCredentials
              **
            ldap
              **
            oidc
              **
            distributedRateLimit
              **
            * !
              **
          rateLimit
            average
            period
            burst
            sourceCriterion
              ipStrategy
                depth
                excludedIPs
                ipv6Subnet
              requestHeaderName
              requestHost
            redis -
              endpoints
              tls
                ca
                cert
                key
                insecureSkipVerify
              username
              password
              db
              poolSize
              minIdleConns
              maxActiveConns
              readTimeout
              writeTimeout
              dialTimeout
          redirectRegex
            regex
            replacement
            permanent
          redirectScheme
            scheme
            port
            permanent
          replacePath
            path
          replacePathRegex
            regex
            replacement
          retry
            attempts
            initialInterval
            timeout
            maxRequestBodyBytes
            status
            disableRetryOnNetworkError
            retryNonIdempotentMethod
          stripPrefix
            prefixes
            forceSlash ~ deprecated in Traefik; tee strips as with forceSlash false
          stripPrefixRegex
            regex
      serversTransports
        *
          serverName
          insecureSkipVerify
          rootCAs
          certificates[]
            certFile
            keyFile
          maxIdleConnsPerHost
          forwardingTimeouts
            dialTimeout
            responseHeaderTimeout
            idleConnTimeout
            readIdleTimeout -
            pingTimeout -
          disableHTTP2
          peerCertURI -
          spiffe -
            ids
            trustDomain
    tcp
      routers
        *
          entryPoints
          middlewares
          service
          rule
          ruleSyntax ~ tee speaks the v3 rule syntax only
          priority
          tls
            passthrough
            options
            certResolver -
            domains[] -
              main
              sans
      services
        *
          loadBalancer
            servers[]
              address
              weight
              tls -
            proxyProtocol
              version
            terminationDelay -
            serversTransport -
          weighted
            services[]
              name
              weight
      middlewares
        *
          ipAllowList
            sourceRange
          inFlightConn
            amount
      serversTransports -
        *
          dialKeepAlive
          dialTimeout
          terminationDelay
          tls
            serverName
            insecureSkipVerify
            rootCAs
            certificates[]
              certFile
              keyFile
            peerCertURI
            spiffe
              ids
              trustDomain
    udp
      routers
        *
          entryPoints
          service
      services
        *
          loadBalancer
            servers[]
              address
          weighted
            services[]
              name
              weight
    tls
      certificates[]
        certFile
        keyFile
        stores ~ tee has one certificate store, default
      options
        *
          minVersion
          maxVersion
          cipherSuites
          curvePreferences -
          clientAuth
            caFiles
            clientAuthType
          sniStrict
          alpnProtocols
          preferServerCipherSuites ~ deprecated in Traefik; tee's server order is fixed
          disableSessionTickets -
      stores
        *
          defaultCertificate
            certFile
            keyFile
          defaultGeneratedCert -
            resolver
            domain
              main
              sans
    """
}
