/// Binary search over elements sorted by line, so that sections and steps of a huge file
/// are found in O(log n) each rather than by scanning.
extension Array {
    /// Index of the first element whose line is at least `line`.
    func firstIndex(atOrAfter line: Int, by key: (Element) -> Int) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if key(self[middle]) < line { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Elements whose line lies in `range` (inclusive).
    func elements(in range: ClosedRange<Int>, by key: (Element) -> Int) -> ArraySlice<Element> {
        let start = firstIndex(atOrAfter: range.lowerBound, by: key)
        let end = firstIndex(atOrAfter: range.upperBound + 1, by: key)
        return start < end ? self[start..<end] : []
    }
}
