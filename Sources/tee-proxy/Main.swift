import ArgumentParser
import TEEDaemon

/// Blocks the daemon's signals before any thread starts, then runs the command.
@main
enum Main {
    static func main() async {
        DaemonSignals.blockInEveryThread()
        await TeeProxyCommand.main()
    }
}
