/// Key ranges as etcd takes them: `[key, rangeEnd)`.
enum KeyRange {
    /// The end of the range holding every key that starts with `prefix`: the prefix with its
    /// last byte below 0xff incremented (etcd's rule), or `\0` (everything) when there is none.
    static func prefixEnd(_ prefix: [UInt8]) -> [UInt8] {
        var end = prefix
        while let last = end.last {
            if last < 0xff {
                end[end.count - 1] = last + 1
                return end
            }
            end.removeLast()
        }
        return [0]
    }
}
