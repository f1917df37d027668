import ServiceLifecycle

/// A service whose tasks prefer an event loop's thread to the shared pool's.
struct ServiceOnEventLoop<Wrapped: Service>: Service {
    let wrapped: Wrapped
    let executor: EventLoopTaskExecutor

    init(_ wrapped: Wrapped, executor: EventLoopTaskExecutor) {
        self.wrapped = wrapped
        self.executor = executor
    }

    func run() async throws {
        try await withTaskExecutorPreference(self.executor) {
            try await self.wrapped.run()
        }
    }
}
