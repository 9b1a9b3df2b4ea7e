import Foundation

/// Paths as the user sees them: relative to the working directory when that is shorter.
enum DisplayPath {
    static func relative(_ url: URL, to base: URL) -> String {
        let target = url.standardizedFileURL.path.split(separator: "/")
        let origin = base.standardizedFileURL.path.split(separator: "/")
        var common = 0
        while common < target.count, common < origin.count, target[common] == origin[common] { common += 1 }
        let ups = origin.count - common
        if common == 0 || ups > 3 { return url.standardizedFileURL.path }
        let parts = Array(repeating: "..", count: ups) + target[common...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
