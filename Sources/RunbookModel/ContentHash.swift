/// Content hashes for cache keys: SHA-256 (FIPS 180-4), written here because no crypto
/// package is available to the project on every platform it builds on.
public enum ContentHash {
    /// The SHA-256 of the string's UTF-8 bytes as 64 lowercase hex digits.
    ///
    /// ```swift
    /// ContentHash.sha256Hex("abc")  // "ba7816bf…f20015ad"
    /// ```
    public static func sha256Hex(_ string: String) -> String {
        var copy = string
        return copy.withUTF8 { hex(of: sha256(UnsafeRawBufferPointer($0))) }
    }

    /// The SHA-256 of raw bytes as 64 lowercase hex digits.
    public static func sha256Hex<Bytes: Sequence>(bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let array = Array(bytes)
        return array.withUnsafeBytes { hex(of: sha256($0)) }
    }

    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    private static func sha256(_ message: UnsafeRawBufferPointer) -> [UInt32] {
        var state: [UInt32] = [
            0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
        ]
        // Padding: a 1 bit, zeros, then the message length in bits as a big-endian UInt64.
        let fullBlocks = message.count / 64
        let remainder = message.count - fullBlocks * 64
        var tail = [UInt8](repeating: 0, count: remainder < 56 ? 64 : 128)
        for index in 0..<remainder { tail[index] = message[fullBlocks * 64 + index] }
        tail[remainder] = 0x80
        let bitLength = UInt64(message.count) &* 8
        for index in 0..<8 {
            tail[tail.count - 1 - index] = UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64(index)))
        }

        state.withUnsafeMutableBufferPointer { state in
            roundConstants.withUnsafeBufferPointer { constants in
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
                    if let base = message.baseAddress {
                        for block in 0..<fullBlocks { compress(base + block * 64, state, constants, schedule) }
                    }
                    tail.withUnsafeBytes { bytes in
                        guard let base = bytes.baseAddress else { return }
                        for block in 0..<(bytes.count / 64) { compress(base + block * 64, state, constants, schedule) }
                    }
                }
            }
        }
        return state
    }

    private static func compress(
        _ block: UnsafeRawPointer, _ state: UnsafeMutableBufferPointer<UInt32>, _ k: UnsafeBufferPointer<UInt32>,
        _ w: UnsafeMutableBufferPointer<UInt32>
    ) {
        for index in 0..<16 {
            let base = index * 4
            w[index] =
                UInt32(block.load(fromByteOffset: base, as: UInt8.self)) << 24
                | UInt32(block.load(fromByteOffset: base + 1, as: UInt8.self)) << 16
                | UInt32(block.load(fromByteOffset: base + 2, as: UInt8.self)) << 8
                | UInt32(block.load(fromByteOffset: base + 3, as: UInt8.self))
        }
        for index in 16..<64 {
            let s0 = rotr(w[index - 15], 7) ^ rotr(w[index - 15], 18) ^ (w[index - 15] >> 3)
            let s1 = rotr(w[index - 2], 17) ^ rotr(w[index - 2], 19) ^ (w[index - 2] >> 10)
            w[index] = w[index - 16] &+ s0 &+ w[index - 7] &+ s1
        }
        var a = state[0], b = state[1], c = state[2], d = state[3]
        var e = state[4], f = state[5], g = state[6], h = state[7]
        for index in 0..<64 {
            let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
            let choice = (e & f) ^ (~e & g)
            let t1 = h &+ s1 &+ choice &+ k[index] &+ w[index]
            let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            let t2 = s0 &+ majority
            h = g; g = f; f = e; e = d &+ t1
            d = c; c = b; b = a; a = t1 &+ t2
        }
        state[0] &+= a; state[1] &+= b; state[2] &+= c; state[3] &+= d
        state[4] &+= e; state[5] &+= f; state[6] &+= g; state[7] &+= h
    }

    @inline(__always)
    private static func rotr(_ value: UInt32, _ count: UInt32) -> UInt32 {
        (value >> count) | (value << (32 - count))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func hex(of words: [UInt32]) -> String {
        var out = [UInt8]()
        out.reserveCapacity(64)
        for word in words {
            for shift in stride(from: 28, through: 0, by: -4) {
                out.append(hexDigits[Int((word >> UInt32(shift)) & 0xf)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
