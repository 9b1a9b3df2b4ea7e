import Foundation
import IncidentEngine
import RunbookModel
import Storage

/// Text conversions of the store: string maps as JSON, and the checks that keep values storable.
enum StoreText {
    /// Longest indexed text (keys, fingerprints, token names) in UTF-8 bytes; PostgreSQL's B-tree
    /// entries cannot hold much more.
    static let maxIndexedBytes = 2000

    /// `map` as a JSON object with sorted keys.
    static func json(_ map: [String: String]) -> String {
        if map.isEmpty { return "{}" }
        var out: [UInt8] = []
        out.reserveCapacity(2 + map.count * 24)
        out.append(UInt8(ascii: "{"))
        for (index, entry) in map.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendQuoted(entry.key, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONText.appendQuoted(entry.value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// The string map in `text`; throws `corrupt` when it is not one.
    static func map(_ text: String, column: String) throws -> [String: String] {
        if text == "{}" { return [:] }
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
            let map = object as? [String: String]
        else {
            throw StoreError.corrupt("column \(column) does not hold a JSON object of strings")
        }
        return map
    }

    /// Throws `invalid` when `value` holds a NUL byte (PostgreSQL text cannot, SQLite would cut it).
    static func check(_ value: String?, _ field: @autoclosure () -> String, indexed: Bool = false) throws {
        guard let value else { return }
        if ByteSearch.containsNUL(value) {
            throw StoreError.invalid("\(field()) contains a NUL byte; remove it from the value")
        }
        if indexed, value.utf8.count > maxIndexedBytes {
            throw StoreError.invalid(
                "\(field()) is \(value.utf8.count) bytes long, more than the \(maxIndexedBytes) allowed; shorten it")
        }
    }

    /// Checks every string of a notification (labels and annotations included: titles and services come from them).
    static func check(_ notification: AlertNotification) throws {
        try check(notification.key, "the incident key", indexed: true)
        try check(notification.summary, "the summary")
        try check(notification.integration, "the integration")
        try check(notification.requestID, "the request id")
        try check(notification.runbook?.id, "the runbook id")
        try check(notification.runbook?.url, "the runbook URL")
        try checkMap(notification.commonLabels, "common label")
        for alert in notification.alerts {
            try check(alert.fingerprint, "alert fingerprint", indexed: true)
            try check(alert.generatorURL, "the generator URL of alert \(alert.fingerprint)")
            try checkMap(alert.labels, "label of alert \(alert.fingerprint)")
            try checkMap(alert.annotations, "annotation of alert \(alert.fingerprint)")
        }
    }

    /// Checks a timeline entry's texts.
    static func check(_ event: TimelineEvent) throws {
        try check(event.actor, "the actor")
        try check(event.message, "the message")
        try checkMap(event.details, "detail")
    }

    private static func checkMap(_ map: [String: String], _ what: @autoclosure () -> String) throws {
        for (key, value) in map {
            try check(key, "\(what()) name \(key.debugDescription)")
            try check(value, "\(what()) \(key.debugDescription)")
        }
    }
}
