import Foundation

/// Finds the executables `swift build` made, beside the running test bundle.
public enum BuildProducts {
    /// The build products directory: `TEE_BUILD_PRODUCTS` if set, else the test runner's own directory.
    public static var directory: String {
        if let override = ProcessInfo.processInfo.environment["TEE_BUILD_PRODUCTS"] { return override }
        let runner = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var url = URL(fileURLWithPath: runner).deletingLastPathComponent()
        // The runner may sit inside a `.xctest` bundle directory.
        while url.pathExtension == "xctest" || url.path.contains(".xctest/") { url.deleteLastPathComponent() }
        return url.path
    }

    /// The path of product `name` (such as `tee-proxy`).
    public static func path(of name: String) -> String {
        Self.directory + "/" + name
    }
}
