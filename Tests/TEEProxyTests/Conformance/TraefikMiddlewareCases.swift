/// The middleware cases of our Traefik conformance suite, written from the semantics of Traefik
/// v3's path and redirect middlewares (pkg/middlewares: addprefix, stripprefix, stripprefixregex,
/// replacepath, replacepathregex, redirect).
///
/// `middleware YAML` (one line, flow style) starts a middleware; the lines under it are requests:
///
///     METHOD URL [; Header: value]... => /forwarded?target [| Header: value]...
///     METHOD URL => STATUS [LOCATION]          (the middleware answers)
///
/// `https` URLs arrive over TLS; the headers after `|` are those the request carries onward.
enum TraefikMiddlewareCases {
    static let text = #"""
    middleware {stripPrefix: {prefixes: [/stat]}}
      GET http://example.com/stat => / | X-Forwarded-Prefix: /stat
      GET http://example.com/stat/ => / | X-Forwarded-Prefix: /stat
      GET http://example.com/stat/us => /us | X-Forwarded-Prefix: /stat
      GET http://example.com/status => /us
      GET http://example.com/stat/us?a=b&c => /us?a=b&c
      GET http://example.com/other => /other
      GET http://example.com/st => /st
      GET http://example.com/%73tat/us => /us | X-Forwarded-Prefix: /stat
      GET http://example.com/stat/../admin => 400
      GET http://example.com/stat/%2e%2e/admin => 400
      GET http://example.com/stat/%2E%2E => 400
      GET http://example.com/stat/./x => 400
      GET http://example.com/stat/.. => 400
      GET http://example.com/stat/..foo => /..foo
      GET http://example.com/stat/a..b/c => /a..b/c
    middleware {stripPrefix: {prefixes: [/stat/]}}
      GET http://example.com/stat => /stat
      GET http://example.com/stat/ => /
      GET http://example.com/stat/us => /us | X-Forwarded-Prefix: /stat/
    middleware {stripPrefix: {prefixes: [/api, /api/v1]}}
      GET http://example.com/api/v1/x => /v1/x | X-Forwarded-Prefix: /api
      GET http://example.com/apiv1 => /v1
    middleware {stripPrefix: {prefixes: [/api/v1, /api]}}
      GET http://example.com/api/v1/x => /x | X-Forwarded-Prefix: /api/v1
      GET http://example.com/api/x => /x | X-Forwarded-Prefix: /api
    middleware {stripPrefix: {prefixes: [/]}}
      GET http://example.com/stat/us => /stat/us | X-Forwarded-Prefix: /
    middleware {stripPrefix: {prefixes: []}}
      GET http://example.com/stat/us => /stat/us
      GET http://example.com/ => /
    middleware {stripPrefix: {prefixes: [/stat], forceSlash: false}}
      GET http://example.com/stat/us => /us
    middleware {stripPrefixRegex: {regex: ["/a/api/"]}}
      GET http://example.com/a/api/ => / | X-Forwarded-Prefix: /a/api/
      GET http://example.com/a/api/x => /x | X-Forwarded-Prefix: /a/api/
      GET http://example.com/b/api/x => /b/api/x
    middleware {stripPrefixRegex: {regex: ["/[a-z]+/[0-9]+/"]}}
      GET http://example.com/a/123/ => / | X-Forwarded-Prefix: /a/123/
      GET http://example.com/a/123/b => /b | X-Forwarded-Prefix: /a/123/
      GET http://example.com/a/b/ => /a/b/
      GET http://example.com/a/123/../secret => 400
    middleware {stripPrefixRegex: {regex: ["^/v[0-9]+"]}}
      GET http://example.com/v2/users => /users | X-Forwarded-Prefix: /v2
      GET http://example.com/v2 => / | X-Forwarded-Prefix: /v2
      GET http://example.com/v/users => /v/users
      GET http://example.com/v12/x?q=1 => /x?q=1
    middleware {addPrefix: {prefix: /foo}}
      GET http://example.com/bar => /foo/bar
      GET http://example.com/ => /foo/
      GET http://example.com/bar?x=1 => /foo/bar?x=1
      GET http://example.com/b%20r => /foo/b%20r
    middleware {addPrefix: {prefix: foo}}
      GET http://example.com/bar => /foo/bar
    middleware {addPrefix: {prefix: /foo/}}
      GET http://example.com/bar => /foo//bar
    middleware {replacePath: {path: /new}}
      GET http://example.com/old => /new | X-Replaced-Path: /old
      GET http://example.com/old?q=1 => /new?q=1 | X-Replaced-Path: /old
      GET http://example.com/ => /new | X-Replaced-Path: /
    middleware {replacePathRegex: {regex: "^/foo/(.*)", replacement: "/bar/$1"}}
      GET http://example.com/foo/a => /bar/a | X-Replaced-Path: /foo/a
      GET http://example.com/foo/a/b?x=1 => /bar/a/b?x=1
      GET http://example.com/foo/ => /bar/
      GET http://example.com/other => /other
      GET http://example.com/foo/a%20b => /bar/a%20b
      GET http://example.com/foo/../../etc => 400
    middleware {replacePathRegex: {regex: "^/users/(?P<id>[0-9]+)$", replacement: "/u/${id}"}}
      GET http://example.com/users/42 => /u/42
      GET http://example.com/users/x => /users/x
    middleware {replacePathRegex: {regex: "^/foo/(.*)", replacement: "/bar/$1x"}}
      GET http://example.com/foo/a => /bar/
    middleware {replacePathRegex: {regex: "^/foo/(.*)", replacement: "/bar/${1}x"}}
      GET http://example.com/foo/a => /bar/ax
    middleware {replacePathRegex: {regex: "^/(.*)", replacement: "/$$1/$1"}}
      GET http://example.com/x => /$1/x
    middleware {replacePathRegex: {regex: "o", replacement: "0"}}
      GET http://example.com/foo/bo => /f00/b0
    middleware {replacePathRegex: {regex: "^/foo", replacement: "bar"}}
      GET http://example.com/foo/x => /bar/x
    middleware {replacePathRegex: {regex: "^/foo/(.*)", replacement: "/bar/%zz"}}
      GET http://example.com/foo/a => 500
    middleware {redirectScheme: {scheme: https}}
      GET http://example.com/x => 302 https://example.com/x
      GET http://example.com/x?a=b => 302 https://example.com/x?a=b
      HEAD http://example.com/x => 307 https://example.com/x
      POST http://example.com/x => 307 https://example.com/x
      GET http://example.com:8080/x => 302 https://example.com/x
      GET http://example.com:80/x => 302 https://example.com/x
      GET http://[::1]:8080/x => 302 https://[::1]/x
      GET http://127.0.0.1/x => 302 https://127.0.0.1/x
      GET https://example.com/x => /x
      GET https://example.com:443/x => /x
      GET https://example.com:8443/x => 302 https://example.com/x
      GET http://example.com/x ; X-Forwarded-Proto: https => /x
      GET https://example.com/x ; X-Forwarded-Proto: http => 302 https://example.com/x
      GET http://example.com:443/x ; X-Forwarded-Proto: https => /x
    middleware {redirectScheme: {scheme: https, permanent: true}}
      GET http://example.com/x => 301 https://example.com/x
      POST http://example.com/x => 308 https://example.com/x
      PUT http://example.com/x => 308 https://example.com/x
    middleware {redirectScheme: {scheme: https, port: "8443"}}
      GET http://example.com/x => 302 https://example.com:8443/x
      GET http://example.com:8080/x => 302 https://example.com:8443/x
      GET https://example.com:8443/x => /x
      GET https://example.com/x => 302 https://example.com:8443/x
    middleware {redirectScheme: {scheme: https, port: "443"}}
      GET http://example.com/x => 302 https://example.com/x
      GET https://example.com/x => /x
    middleware {redirectScheme: {scheme: http}}
      GET https://example.com/x => 302 http://example.com/x
      GET http://example.com/x => /x
      GET https://example.com:443/x => 302 http://example.com/x
    middleware {redirectScheme: {scheme: http, port: "80"}}
      GET https://example.com/x => 302 http://example.com/x
    middleware {redirectRegex: {regex: "^http://example.com/(.*)", replacement: "https://example.org/$1"}}
      GET http://example.com/x => 302 https://example.org/x
      GET http://example.com/a/b?c=d => 302 https://example.org/a/b?c=d
      POST http://example.com/x => 307 https://example.org/x
      GET http://example.net/x => /x
      GET https://example.com/x => /x
    middleware {redirectRegex: {regex: "^(https?)://([^/:]+)(:[0-9]+)?/old/(.*)", replacement: "$1://$2$3/new/$4", permanent: true}}
      GET http://example.com:8080/old/page => 301 http://example.com:8080/new/page
      GET https://example.com/old/page => 301 https://example.com/new/page
      PATCH https://example.com/old/page => 308 https://example.com/new/page
    middleware {redirectRegex: {regex: "^http://example.com/(.*)", replacement: "http://example.com/$1"}}
      GET http://example.com/x => /x
    middleware {redirectRegex: {regex: ".*", replacement: "http://bad host/"}}
      GET http://example.com/x => 502
    middleware {redirectRegex: {regex: ".*", replacement: ":no-scheme"}}
      GET http://example.com/x => 502
    middleware {redirectRegex: {regex: ".*", replacement: "http://example.org:port/"}}
      GET http://example.com/x => 502
    middleware {redirectRegex: {regex: ".*", replacement: "http://example.org/%zz"}}
      GET http://example.com/x => 502
    middleware {redirectRegex: {regex: ".*", replacement: "/relative/path"}}
      GET http://example.com/x => 302 /relative/path
    """#
}
