/// Random identifiers from the system's generator (`getrandom`), formatted without Foundation.
enum RandomID {
    /// A version-4 UUID in lowercase text, such as `3f2b…-4…-8…`.
    static func uuid() -> String {
        var bytes = randomBytes()
        bytes[6] = (bytes[6] & 0x0f) | 0x40
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        return hex(bytes, dashesAfter: [3, 5, 7, 9])
    }

    /// 32 lowercase hex digits (a version-4 UUID without dashes).
    static func hex32() -> String {
        var bytes = randomBytes()
        bytes[6] = (bytes[6] & 0x0f) | 0x40
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        return hex(bytes, dashesAfter: [])
    }

    private static func randomBytes() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * $0)) }
            + (0..<8).map { UInt8(truncatingIfNeeded: low >> (56 - 8 * $0)) }
    }

    private static func hex(_ bytes: [UInt8], dashesAfter: Set<Int>) -> String {
        let digits: StaticString = "0123456789abcdef"
        var out: [UInt8] = []
        out.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            out.append(digits.utf8Start[Int(byte >> 4)])
            out.append(digits.utf8Start[Int(byte & 0x0f)])
            if dashesAfter.contains(index) { out.append(UInt8(ascii: "-")) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
