import Foundation
import Hummingbird

/// A structural check of a JSON value against an OpenAPI 3.1 schema: types, required properties,
/// enums, array items, `$ref`s, `anyOf`. Enough to catch a response that contradicts the document.
struct SchemaCheck {
    let document: [String: Any]

    func problems(_ value: Any, against schema: [String: Any], at path: String = "$") -> [String] {
        if let ref = schema["$ref"] as? String {
            let name = String(ref.split(separator: "/").last ?? "")
            let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any]
            guard let target = schemas?[name] as? [String: Any] else { return ["\(path): unknown $ref \(ref)"] }
            return problems(value, against: target, at: path)
        }
        if let alternatives = schema["anyOf"] as? [[String: Any]] {
            let each = alternatives.map { problems(value, against: $0, at: path) }
            return each.contains(where: \.isEmpty) ? [] : ["\(path): matches none of anyOf: \(each.flatMap { $0 })"]
        }
        var types: [String] = []
        if let type = schema["type"] as? String {
            types = [type]
        } else if let list = schema["type"] as? [String] {
            types = list
        }
        if !types.isEmpty, !types.contains(where: { matches(value, $0) }) {
            return ["\(path): expected \(types.joined(separator: "|")), got \(Swift.type(of: value))"]
        }
        if let options = schema["enum"] as? [String], let text = value as? String, !options.contains(text) {
            return ["\(path): '\(text)' is not one of \(options)"]
        }
        var found: [String] = []
        if let object = value as? [String: Any] {
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                found.append("\(path).\(name): required but missing")
            }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (name, child) in object {
                if let property = properties[name] as? [String: Any] {
                    found += problems(child, against: property, at: "\(path).\(name)")
                } else if let extra = schema["additionalProperties"] as? [String: Any] {
                    found += problems(child, against: extra, at: "\(path).\(name)")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, item) in array.enumerated() { found += problems(item, against: items, at: "\(path)[\(index)]") }
        }
        return found
    }

    private func matches(_ value: Any, _ type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "boolean": return value is Bool || value is NSNumber
        case "integer": return (value as? NSNumber).map { $0.doubleValue.rounded() == $0.doubleValue } ?? false
        case "number": return value is NSNumber
        default: return true
        }
    }
}
