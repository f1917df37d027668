/// Big-endian unsigned integers of any length (certificate serial numbers) written in decimal, as Go prints a `big.Int`.
public enum UnsignedDecimal {
    public static func text(bigEndian bytes: some Collection<UInt8>) -> String {
        var digits: [UInt8] = [0]  // little-endian base 10
        for byte in bytes {
            var carry = Int(byte)
            for index in digits.indices {
                let value = Int(digits[index]) * 256 + carry
                digits[index] = UInt8(value % 10)
                carry = value / 10
            }
            while carry > 0 {
                digits.append(UInt8(carry % 10))
                carry /= 10
            }
        }
        return String(digits.reversed().map { Character(String($0)) })
    }
}
