import Foundation

/// Rows printed as aligned columns, the first row as the header.
public struct Table: Sendable {
    public let rows: [[String]]

    public init(rows: [[String]]) {
        self.rows = rows
    }

    public var text: String {
        let columns = self.rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in self.rows.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        return self.rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index] + 2, withPad: " ", startingAt: 0)
            }.joined()
        }.joined(separator: "\n")
    }
}
