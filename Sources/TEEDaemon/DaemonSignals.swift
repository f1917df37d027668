#if canImport(Glibc)
import Glibc
#endif

/// Keeps SIGTERM, SIGINT, SIGHUP and SIGUSR1 from killing the daemon before its handlers see them.
///
/// On Linux, Dispatch's signal sources read the signals through a `signalfd`, which only works
/// when every thread blocks them; a thread that does not would take the default action
/// (terminate). Blocking them first thing in `main`, before any thread exists, makes every
/// later thread inherit the mask.
public enum DaemonSignals {
    /// Blocks the daemon's signals in the calling thread; call it first in `main`.
    public static func blockInEveryThread() {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGUSR1] { sigaddset(&set, signal) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }
}
