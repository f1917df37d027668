/// The version of every tee program, printed by `--version`.
public enum TEEVersion {
    public static let current = "0.1.0"
}
