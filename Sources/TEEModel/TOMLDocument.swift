import TOMLKit

/// Reads TOML into a ``ConfigNode`` tree; lines come from ``TOMLKeyLocator``, since the parser keeps none.
enum TOMLDocument {
    static func parse(_ text: String, file: String) throws(ConfigurationError) -> ConfigNode {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigurationError(file: file, key: "", line: error.source.begin.line, message: "not valid TOML: \(error.description)")
        } catch {
            throw ConfigurationError(file: file, key: "", line: nil, message: "not valid TOML: \(error)")
        }
        let locator = TOMLKeyLocator(text: text)
        return ConfigNode(file: file, path: "", line: nil, value: Self.convert(table, path: "", locator: locator))
    }

    private static func convert(_ value: any TOMLValueConvertible, path: String, locator: TOMLKeyLocator) -> ConfigValue {
        if let table = value.table {
            return .mapping(table.map { key, child in
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                return (key, locator.line(of: childPath), Self.convert(child, path: childPath, locator: locator))
            })
        }
        if let array = value.array {
            return .sequence(array.enumerated().map { index, item in
                let itemPath = "\(path)[\(index)]"
                return (locator.line(of: itemPath), Self.convert(item, path: itemPath, locator: locator))
            })
        }
        if let string = value.string { return .scalar(string) }
        if let bool = value.bool { return .scalar(bool ? "true" : "false") }
        if let int = value.int { return .scalar(String(int)) }
        if let double = value.double { return .scalar(String(double)) }
        return .scalar(value.debugDescription)
    }
}
