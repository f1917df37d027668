import ArgumentParser
import Foundation
import TEEDaemon

/// Blocks the daemon's signals before any thread starts (this runs before the async runtime
/// spawns its threads, which inherit the mask), then runs the command.
@main
enum Main {
    static func main() {
        DaemonSignals.blockInEveryThread()
        Task {
            await TeeControllerCommand.main()
            exit(0)
        }
        dispatchMain()
    }
}
