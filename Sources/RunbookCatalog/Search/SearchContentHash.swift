/// A stable 128-bit digest of text (two FNV-1a 64-bit lanes), the same on every run and machine,
/// unlike `Hasher`, whose seed changes per process. Used to notice that a runbook changed, not for security.
struct SearchContentHash {
    private var low: UInt64 = 0xcbf2_9ce4_8422_2325
    private var high: UInt64 = 0x6c62_272e_07bb_0142

    /// Mixes in a field; a separator byte keeps `("ab", "c")` and `("a", "bc")` apart.
    mutating func combine(_ text: String) {
        for byte in text.utf8 { mix(byte) }
        mix(0x1F)
    }

    private mutating func mix(_ byte: UInt8) {
        low = (low ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        high = (high ^ UInt64(byte &+ 0x5B)) &* 0x0000_0100_0000_01B3
        high = high ^ (high >> 29)
    }

    /// 32 hex digits.
    var hex: String {
        let digits = String(low, radix: 16) + ":" + String(high, radix: 16)
        let parts = digits.split(separator: ":").map { String(repeating: "0", count: 16 - $0.count) + $0 }
        return parts.joined()
    }
}
