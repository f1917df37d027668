/// `circuitBreaker`: stops sending requests to a service while `expression` holds over its recent
/// requests, answering `responseCode` instead; after `fallbackDuration` it lets traffic back in
/// gradually over `recoveryDuration`.
public struct CircuitBreakerConfiguration: Sendable, Equatable {
    public var expression: CircuitBreakerExpression
    public var checkPeriod: Duration
    public var fallbackDuration: Duration
    public var recoveryDuration: Duration
    public var responseCode: Int

    public init(expression: CircuitBreakerExpression, checkPeriod: Duration = .milliseconds(100),
                fallbackDuration: Duration = .seconds(10), recoveryDuration: Duration = .seconds(10), responseCode: Int = 503) {
        self.expression = expression
        self.checkPeriod = checkPeriod
        self.fallbackDuration = fallbackDuration
        self.recoveryDuration = recoveryDuration
        self.responseCode = responseCode
    }

    static func parse(_ body: ConfigNode) throws(ConfigurationError) -> Self {
        try body.requireKnownKeys(["expression", "checkPeriod", "fallbackDuration", "recoveryDuration", "responseCode"])
        guard let node = try body.child("expression") else {
            throw body.error("missing expression, such as NetworkErrorRatio() > 0.5")
        }
        let text = try node.string()
        let expression: CircuitBreakerExpression
        do {
            expression = try CircuitBreakerExpression.parse(text)
        } catch {
            throw node.error(error.description)
        }
        var settings = Self(expression: expression)
        settings.checkPeriod = try body.child("checkPeriod")?.duration() ?? settings.checkPeriod
        settings.fallbackDuration = try body.child("fallbackDuration")?.duration() ?? settings.fallbackDuration
        settings.recoveryDuration = try body.child("recoveryDuration")?.duration() ?? settings.recoveryDuration
        settings.responseCode = try body.child("responseCode")?.statusCode() ?? settings.responseCode
        return settings
    }
}
