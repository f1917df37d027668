/// The rule cases of our Traefik conformance suite, written from Traefik v3's documented
/// routing semantics (pkg/muxer/http: matchers, the routing path, rule checks).
///
/// `rule R` starts a rule; the lines under it are requests and whether the rule takes them:
///
///     200 GET https://example.com:8080/path?q=1 @192.168.1.1 | Header: value | Other: value
///     404 ...                       (the rule does not match)
///     error TEXT                    (the rule is refused, with TEXT in the reason)
///
/// `@ADDRESS` is the client's address (default 10.0.0.1).
enum TraefikRuleCases {
    static let text = #"""
    rule Host(`example.com`)
      200 GET https://example.com
      200 GET https://example.com:8080
      200 GET https://example.com/path
      200 GET https://EXAMPLE.COM/path
      200 GET http://Example.Com:80/
      200 GET https://example.com.
      200 GET https://example.com./path
      404 GET https://example.org
      404 GET https://example.org/path
      404 GET https://example.org.
      404 GET https://www.example.com
      404 GET https://example.com.evil.org
      404 GET https://notexample.com
    rule Host(`example.com.`)
      200 GET https://example.com
      200 GET https://example.com/path
      200 GET https://example.com.
      200 GET https://example.com./path
      404 GET https://example.org
      404 GET https://example.org.
    rule Host(`EXAMPLE.COM`)
      200 GET https://example.com
      200 GET https://example.com/path
      404 GET https://example.org
    rule Host(`xn--9t9h.com`)
      200 GET https://xn--9t9h.com
      200 GET https://xn--9t9h.com/path
      404 GET https://example.com
    rule Host(`::1`)
      200 GET http://[::1]:8080/
      200 GET http://[::1]/
      404 GET http://[::2]/
    rule Host(`[::1]`)
      200 GET http://[::1]:8080/
      200 GET http://[::1]/
      404 GET http://127.0.0.1/
    rule Host(`127.0.0.1`)
      200 GET http://127.0.0.1/
      200 GET http://127.0.0.1:8080/
      404 GET http://127.0.0.2/
    rule Host(`*.example.com`)
      200 GET https://api.example.com
      200 GET https://API.example.com:8443/x
      404 GET https://example.com
      404 GET https://a.b.example.com
    rule Host(`*`)
      404 GET https://example.com
      404 GET https://localhost
    rule Host()
      error takes 1 argument
    rule Host(``)
      error empty argument
    rule Host(`🦭.com`)
      error ASCII
    rule Host(`/`)
      error not a host name
    rule Host(`exa mple.com`)
      error not a host name
    rule Host(`example.com`, `example.org`)
      error takes 1 argument
    rule HOST(`example.com`)
      200 GET https://example.com
      404 GET https://example.org
    rule host(`example.com`)
      200 GET https://example.com
    rule Host(`example.com`) || Host(`example.org`)
      200 GET https://example.com
      200 GET https://example.org
      404 GET https://example.net
    rule HostRegexp(`^[a-zA-Z-]+\.com$`)
      200 GET https://example.com
      200 GET https://example.com:8080
      200 GET https://example.com/path
      404 GET https://example.org
      404 GET https://example.org/path
    rule HostRegexp(`^[A-Z]+\.com$`)
      404 GET https://example.com
      404 GET https://EXAMPLE.com
      404 GET https://example.org
    rule HostRegexp(`{domain:[a-zA-Z-]+\.com}`)
      404 GET https://example.com
      404 GET https://example.org
    rule HostRegexp(`example`)
      200 GET https://example.com
      200 GET https://www.example.org
      404 GET https://other.org
    rule HostRegexp(`^(api|www)\.example\.com$`)
      200 GET https://api.example.com
      200 GET https://WWW.example.com
      404 GET https://web.example.com
    rule HostRegexp()
      error takes 1 argument
    rule HostRegexp(``)
      error empty argument
    rule HostRegexp(`🦭.com`)
      error ASCII
    rule HostRegexp(`(example.com`)
      error invalid regular expression
    rule HostRegexp(`example.com`, `example.org`)
      error takes 1 argument
    rule Path(`/css`)
      404 GET https://example.com
      404 GET https://example.com/html
      200 GET https://example.org/css
      200 GET https://example.com/css
      200 GET https://example.com/css?x=1
      404 GET https://example.com/css/
      404 GET https://example.com/css/main.css
      404 GET https://example.com/CSS
      200 GET https://example.com/%63ss
      200 GET https://example.com/%63%73%73
    rule Path(`/foo bar`)
      200 GET https://example.com/foo%20bar
      404 GET https://example.com/foo+bar
    rule Path(`/a/b`)
      200 GET https://example.com/a/b
      404 GET https://example.com/a%2Fb
      404 GET https://example.com/a%2fb
    rule Path(`/a%2Fb`)
      200 GET https://example.com/a%2Fb
      404 GET https://example.com/a/b
    rule Path(`/caf%C3%A9`)
      404 GET https://example.com/caf%C3%A9
    rule Path(`/café`)
      200 GET https://example.com/caf%C3%A9
    rule Path(`/~user`)
      200 GET https://example.com/%7Euser
      200 GET https://example.com/~user
    rule Path(`/a:b`)
      200 GET https://example.com/a:b
      404 GET https://example.com/a%3Ab
    rule Path(`/a%3Ab`)
      200 GET https://example.com/a%3Ab
    rule Path(`/100%25`)
      200 GET https://example.com/100%25
    rule Path()
      error takes 1 argument
    rule Path(``)
      error empty argument
    rule Path(`css`)
      error starting with /
    rule Path(`/css`, `/js`)
      error takes 1 argument
    rule PATH(`/css`)
      200 GET https://example.com/css
    rule PathPrefix(`/css`)
      404 GET https://example.com
      404 GET https://example.com/html
      200 GET https://example.org/css
      200 GET https://example.com/css
      200 GET https://example.com/css/
      200 GET https://example.com/css/main.css
      200 GET https://example.com/cssfoo
      404 GET https://example.com/CSS
      200 GET https://example.com/%63ss/x
    rule PathPrefix("/css")
      200 GET https://example.com/css/main.css
    rule PathPrefix(`/`)
      200 GET https://example.com
      200 GET https://example.com/anything
    rule PathPrefix(`/api/`)
      200 GET https://example.com/api/
      200 GET https://example.com/api/x
      404 GET https://example.com/api
    rule PATHPREFIX(`/css`)
      200 GET https://example.com/css/x
    rule pathprefix(`/css`)
      200 GET https://example.com/css/x
    rule PathPrefix()
      error takes 1 argument
    rule PathPrefix(``)
      error empty argument
    rule PathPrefix(`css`)
      error starting with /
    rule PathPrefix(`/css`, `/js`)
      error takes 1 argument
    rule PathRegexp(`^/(css|js)`)
      404 GET https://example.com
      404 GET https://example.com/html
      200 GET https://example.org/css
      404 GET https://example.com/CSS
      200 GET https://example.com/css
      200 GET https://example.com/css/
      200 GET https://example.com/css/main.css
      200 GET https://example.com/js
      200 GET https://example.com/js/
      200 GET https://example.com/js/main.js
    rule PathRegexp(`/{path:(css|js)}`)
      404 GET https://example.com
      404 GET https://example.org/css
      200 GET https://example.com/{path:css}
      200 GET https://example.com/{path:css}/
      200 GET https://example.com/%7Bpath:css%7D
      200 GET https://example.com/%7Bpath:js%7D/
    rule PathRegexp(`\.(jpe?g|png)$`)
      200 GET https://example.com/img/a.png
      200 GET https://example.com/img/a.jpeg
      404 GET https://example.com/img/a.gif
      404 GET https://example.com/img/a.png/x
    rule PathRegexp(`^/users/[0-9]+$`)
      200 GET https://example.com/users/42
      404 GET https://example.com/users/x
      404 GET https://example.com/users/42/
    rule PathRegexp()
      error takes 1 argument
    rule PathRegexp(``)
      error empty argument
    rule PathRegexp(`/(css`)
      error invalid regular expression
    rule PathRegexp(`/css`, `/js`)
      error takes 1 argument
    rule Method(`GET`)
      200 GET https://example.com
      404 POST https://example.com
      404 PUT https://example.com
      404 HEAD https://example.com
    rule Method(`get`)
      200 GET https://example.com
      404 POST https://example.com
    rule Method(`PURGE`)
      200 PURGE https://example.com
      404 GET https://example.com
    rule Method(`OPTIONS`)
      200 OPTIONS https://example.com
    rule Method()
      error takes 1 argument
    rule Method(``)
      error empty argument
    rule Method(`GET`, `POST`)
      error takes 1 argument
    rule METHOD(`DELETE`)
      200 DELETE https://example.com
    rule Header(`X-Forwarded-Proto`, `https`)
      200 GET https://example.com | X-Forwarded-Proto: https
      200 GET https://example.com | x-forwarded-proto: https
      200 GET https://example.com | X-Forwarded-Proto: http | X-Forwarded-Proto: https
      200 GET https://example.com | X-Forwarded-Proto: https | X-Forwarded-Proto: http
      404 GET https://example.com | X-Forwarded-Proto: HTTPS
      404 GET https://example.com | X-Forwarded-Host: example.com
      404 GET https://example.com
    rule Header(`x-forwarded-proto`, `https`)
      200 GET https://example.com | X-Forwarded-Proto: https
      200 GET https://example.com | X-Forwarded-Proto: http | X-Forwarded-Proto: https
      404 GET https://example.com | X-Forwarded-Host: example.com
    rule Header(`X-Forwarded-Host`)
      error takes 2 arguments
    rule Header(`X-Forwarded-Host`, ``)
      error empty argument
    rule Header(``, `example.com`)
      error empty argument
    rule Header(`X-Forwarded-Host`, `example.com`, `example.org`)
      error takes 2 arguments
    rule Header()
      error takes 2 arguments
    rule HeaderRegexp(`X-Forwarded-Proto`, `^https?$`)
      200 GET https://example.com | X-Forwarded-Proto: http
      200 GET https://example.com | x-forwarded-proto: http
      200 GET https://example.com | X-Forwarded-Proto: https
      404 GET https://example.com | X-Forwarded-Proto: HTTPS
      200 GET https://example.com | X-Forwarded-Proto: ws | X-Forwarded-Proto: https
      404 GET https://example.com | X-Forwarded-Host: example.com
    rule HeaderRegexp(`x-forwarded-proto`, `^https?$`)
      200 GET https://example.com | X-Forwarded-Proto: http
      404 GET https://example.com | X-Forwarded-Proto: HTTPS
    rule HeaderRegexp(`X-Forwarded-Proto`, `http{secure:s?}`)
      404 GET https://example.com | X-Forwarded-Proto: http
      404 GET https://example.com | X-Forwarded-Proto: https
      200 GET https://example.com | X-Forwarded-Proto: http{secure:}
      404 GET https://example.com | X-Forwarded-Proto: HTTP{secure:}
      200 GET https://example.com | X-Forwarded-Proto: http{secure:s}
      404 GET https://example.com | X-Forwarded-Proto: http{secure:S}
    rule HeaderRegexp(`User-Agent`, `Firefox`)
      200 GET https://example.com | User-Agent: Mozilla/5.0 Firefox/120.0
      404 GET https://example.com | User-Agent: curl/8.0
    rule HeaderRegexp()
      error takes 2 arguments
    rule HeaderRegexp(`X-Forwarded-Host`)
      error takes 2 arguments
    rule HeaderRegexp(`X-Forwarded-Host`, ``)
      error empty argument
    rule HeaderRegexp(``, `example.com`)
      error empty argument
    rule HeaderRegexp(`X-Forwarded-Host`, `(example.com`)
      error invalid regular expression
    rule HeaderRegexp(`X-Forwarded-Host`, `example.com`, `example.org`)
      error takes 2 arguments
    rule Query(`q`, `traefik`)
      404 GET https://example.com
      200 GET https://example.com?q=traefik
      200 GET https://example.com?rel=ddg&q=traefik
      200 GET https://example.com?q=traefik&q=proxy
      200 GET https://example.com?q=awesome&q=traefik
      404 GET https://example.com?q=nginx
      404 GET https://example.com?rel=ddg
      404 GET https://example.com?q=TRAEFIK
      404 GET https://example.com?Q=traefik
      404 GET https://example.com?rel=traefik
      200 GET https://example.com?q=%74raefik
      200 GET https://example.com/path?q=traefik
    rule Query(`q`, `traefik proxy`)
      200 GET https://example.com?q=traefik+proxy
      200 GET https://example.com?q=traefik%20proxy
    rule Query(`mobile`)
      404 GET https://example.com
      200 GET https://example.com?mobile
      200 GET https://example.com?mobile=
      404 GET https://example.com?mobile=true
      200 GET https://example.com?mobile=true&mobile
      404 GET https://example.com?mobiles
    rule Query()
      error takes 1 or 2 arguments
    rule Query(``)
      error empty argument
    rule Query(``, `traefik`)
      error empty argument
    rule Query(`q`, ``)
      error empty argument
    rule Query(`q`, `traefik`, `proxy`)
      error takes 1 or 2 arguments
    rule QUERY(`q`, `traefik`)
      200 GET https://example.com?q=traefik
    rule QueryRegexp(`q`, `^(traefik|nginx)$`)
      404 GET https://example.com
      200 GET https://example.com?q=traefik
      200 GET https://example.com?rel=ddg&q=traefik
      200 GET https://example.com?q=traefik&q=proxy
      200 GET https://example.com?q=awesome&q=traefik
      404 GET https://example.com?q=TRAEFIK
      404 GET https://example.com?Q=traefik
      404 GET https://example.com?rel=traefik
      200 GET https://example.com?q=nginx
      200 GET https://example.com?rel=ddg&q=nginx
      200 GET https://example.com?q=nginx&q=proxy
      200 GET https://example.com?q=awesome&q=nginx
      404 GET https://example.com?q=NGINX
      404 GET https://example.com?Q=nginx
      404 GET https://example.com?rel=nginx
      404 GET https://example.com?q=haproxy
      404 GET https://example.com?rel=ddg
    rule QueryRegexp(`q`, `^.*$`)
      404 GET https://example.com
      200 GET https://example.com?q=traefik
      200 GET https://example.com?q=TRAEFIK
      404 GET https://example.com?Q=traefik
      404 GET https://example.com?rel=traefik
      200 GET https://example.com?q=haproxy
      200 GET https://example.com?q=
      404 GET https://example.com?rel=ddg
    rule QueryRegexp(`q`, `{value:(traefik|nginx)}`)
      404 GET https://example.com?q=traefik
      200 GET https://example.com?q={value:traefik}
    rule QueryRegexp(`mobile`)
      200 GET https://example.com?mobile
      404 GET https://example.com?mobile=1
    rule QueryRegexp()
      error takes 1 or 2 arguments
    rule QueryRegexp(``)
      error empty argument
    rule QueryRegexp(`q`, `(traefik`)
      error invalid regular expression
    rule QueryRegexp(`q`, `traefik`, `proxy`)
      error takes 1 or 2 arguments
    rule ClientIP(`127.0.0.1`)
      200 GET https://example.com @127.0.0.1
      404 GET https://example.com @192.168.1.1
      404 GET https://example.com @127.0.0.2
    rule ClientIP(`192.168.1.0/24`)
      200 GET https://example.com @192.168.1.1
      200 GET https://example.com @192.168.1.100
      404 GET https://example.com @192.168.2.1
    rule ClientIP(`::1`)
      200 GET https://example.com @::1
      404 GET https://example.com @127.0.0.1
    rule ClientIP(`2001:db8::/32`)
      200 GET https://example.com @2001:db8::1
      404 GET https://example.com @2001:db9::1
    rule ClientIP(`127.0.0.1`) && Host(`example.com`)
      200 GET https://example.com @127.0.0.1 | X-Forwarded-For: 192.168.1.1
      404 GET https://example.com @192.168.1.1 | X-Forwarded-For: 127.0.0.1
    rule ClientIP(`1`)
      error IP address or CIDR
    rule ClientIP()
      error takes 1 argument
    rule ClientIP(``)
      error empty argument
    rule ClientIP(`127.0.0.1`, `192.168.1.0/24`)
      error takes 1 argument
    rule Host(`example.com`) && Path(`/css`)
      200 GET https://example.com/css
      404 GET https://example.org/css
      404 GET https://example.com/js
    rule Host(`example.com`) || Path(`/css`)
      200 GET https://example.com/js
      200 GET https://example.org/css
      404 GET https://example.org/js
    rule !Host(`example.com`)
      404 GET https://example.com
      200 GET https://example.org
    rule !Host(`example.com`) && Path(`/css`)
      404 GET https://example.com/css
      200 GET https://example.org/css
      404 GET https://example.org/js
    rule !(Host(`example.com`) && Path(`/css`))
      404 GET https://example.com/css
      200 GET https://example.com/js
      200 GET https://example.org/css
    rule !(Host(`example.com`) || Path(`/css`))
      404 GET https://example.com/js
      404 GET https://example.org/css
      200 GET https://example.org/js
    rule Host(`example.com`) && (Path(`/css`) || Path(`/js`))
      200 GET https://example.com/css
      200 GET https://example.com/js
      404 GET https://example.com/html
      404 GET https://example.org/css
    rule (Host(`example.com`) && Path(`/css`)) || (Host(`example.org`) && Path(`/js`))
      200 GET https://example.com/css
      200 GET https://example.org/js
      404 GET https://example.com/js
      404 GET https://example.org/css
    rule Host(`example.com`) || Host(`example.org`) && Path(`/css`)
      200 GET https://example.com/js
      200 GET https://example.org/css
      404 GET https://example.org/js
    rule Host(`example.com`) && Path(`/css`) || Host(`example.org`)
      200 GET https://example.com/css
      200 GET https://example.org/js
      404 GET https://example.com/js
    rule !!Host(`example.com`)
      200 GET https://example.com
      404 GET https://example.org
    rule Host(`example.com`) && !Method(`POST`)
      200 GET https://example.com
      404 POST https://example.com
    rule Host(`example.com`) && Header(`X-Canary`, `1`) && Query(`beta`, `yes`)
      200 GET https://example.com?beta=yes | X-Canary: 1
      404 GET https://example.com?beta=no | X-Canary: 1
      404 GET https://example.com?beta=yes
    rule Host("example.com") && PathPrefix("/api")
      200 GET https://example.com/api/x
      404 GET https://example.com/web
    rule Host(`example.com`)&&Path(`/css`)
      200 GET https://example.com/css
    rule Host(`example.com`) &&
      error ends where a matcher
    rule Host(`example.com`) Path(`/css`)
      error join matchers
    rule Host(`example.com`) & Path(`/css`)
      error doubled
    rule (Host(`example.com`)
      error closing )
    rule Host(`example.com`))
      error unexpected
    rule Hots(`example.com`)
      error unknown matcher
    rule HostSNI(`example.com`)
      error unknown matcher
    rule Host(example.com)
      error unexpected character '.'
    rule Host(example)
      error strings in backticks
    rule Host(`example.com)
      error unterminated
    rule Host(`example.com") && Path(`/`)
      error unexpected character
    rule
      error empty
    """#
}
