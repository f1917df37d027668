/// Exit statuses from systemd.exec(5) ("Process Exit Codes"), so `systemctl status` explains a failure.
public enum DaemonExitCode: Int32, Sendable {
    /// `EXIT_SUCCESS`: clean shutdown.
    case success = 0
    /// `EXIT_FAILURE`: an unspecified failure, such as a listener that cannot bind.
    case failure = 1
    /// `EXIT_INVALIDARGUMENT`: bad command-line arguments.
    case invalidArgument = 2
    /// `EXIT_NOPERMISSION`: the daemon lacks a privilege, such as binding a port below 1024.
    case noPermission = 4
    /// `EXIT_NOTCONFIGURED`: the configuration is missing or invalid; restarting will not help.
    case notConfigured = 6
}
