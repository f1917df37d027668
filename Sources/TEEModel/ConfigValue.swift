/// The shape of a configuration value, the same whether it came from YAML or TOML.
public enum ConfigValue: Sendable {
    /// A single value, kept as its text (`"10s"`, `"true"`, `"3"`).
    case scalar(String)
    /// Keys and values in document order, each with the line of its key.
    case mapping([(key: String, line: Int?, value: ConfigValue)])
    /// Items in order, each with its line.
    case sequence([(line: Int?, value: ConfigValue)])
}
