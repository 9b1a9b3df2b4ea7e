import NIOCore

extension AlertmanagerWebhook {
    /// Reads a webhook body; the same fields and rules as its `Decodable` form (unknown keys are
    /// ignored, optional fields may be `null`), several times faster. Errors name the JSON path.
    static func parse(_ buffer: ByteBuffer) throws(APIError) -> AlertmanagerWebhook {
        try JSONBody.checkText(buffer)
        let result: Result<AlertmanagerWebhook, JSONScanner.Failure> = buffer.withUnsafeReadableBytes { bytes in
            var scanner = JSONScanner(bytes: bytes)
            do throws(JSONScanner.Failure) {
                return .success(try read(&scanner))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let webhook): return webhook
        case .failure(let failure): throw APIError.badRequest(failure.message, code: "invalid_body")
        }
    }

    private static func read(_ scanner: inout JSONScanner) throws(JSONScanner.Failure) -> AlertmanagerWebhook {
        var version: String?, groupKey: String?, status: String?, alerts: [Alert]?
        var webhook = AlertmanagerWebhook(version: "", groupKey: "", status: "", alerts: [])
        try scanner.object(at: "") { (scanner: inout JSONScanner, key: String) throws(JSONScanner.Failure) in
            switch key {
            case "version": version = try scanner.string(at: key)
            case "groupKey": groupKey = try scanner.string(at: key)
            case "status": status = try scanner.string(at: key)
            case "receiver": webhook.receiver = try scanner.optionalString(at: key)
            case "groupLabels": webhook.groupLabels = try optionalMap(&scanner, at: key)
            case "commonLabels": webhook.commonLabels = try optionalMap(&scanner, at: key)
            case "commonAnnotations": webhook.commonAnnotations = try optionalMap(&scanner, at: key)
            case "externalURL": webhook.externalURL = try scanner.optionalString(at: key)
            case "truncatedAlerts":
                webhook.truncatedAlerts = try scanner.skipNull() ? nil : try scanner.integer(at: key)
            case "alerts":
                var list: [Alert] = []
                try scanner.array(at: key) { (scanner: inout JSONScanner, index: Int) throws(JSONScanner.Failure) in
                    list.append(try readAlert(&scanner, at: "alerts[\(index)]"))
                }
                alerts = list
            default: try scanner.skipValue()
            }
        }
        try scanner.finish()
        guard let version else { throw .missing(path: "version") }
        guard let groupKey else { throw .missing(path: "groupKey") }
        guard let status else { throw .missing(path: "status") }
        guard let alerts else { throw .missing(path: "alerts") }
        webhook.version = version
        webhook.groupKey = groupKey
        webhook.status = status
        webhook.alerts = alerts
        return webhook
    }

    private static func readAlert(_ scanner: inout JSONScanner, at path: String) throws(JSONScanner.Failure) -> Alert {
        var status: String?, labels: [String: String]?
        var alert = Alert(status: "", labels: [:])
        try scanner.object(at: path) { (scanner: inout JSONScanner, key: String) throws(JSONScanner.Failure) in
            switch key {
            case "status": status = try scanner.string(at: path + ".status")
            case "labels": labels = try scanner.stringMap(at: path + ".labels")
            case "annotations": alert.annotations = try optionalMap(&scanner, at: path + ".annotations")
            case "startsAt": alert.startsAt = try scanner.optionalString(at: path + ".startsAt")
            case "endsAt": alert.endsAt = try scanner.optionalString(at: path + ".endsAt")
            case "generatorURL": alert.generatorURL = try scanner.optionalString(at: path + ".generatorURL")
            case "fingerprint": alert.fingerprint = try scanner.optionalString(at: path + ".fingerprint")
            default: try scanner.skipValue()
            }
        }
        guard let status else { throw .missing(path: path + ".status") }
        guard let labels else { throw .missing(path: path + ".labels") }
        alert.status = status
        alert.labels = labels
        return alert
    }

    private static func optionalMap(
        _ scanner: inout JSONScanner, at path: String
    ) throws(JSONScanner.Failure) -> [String: String]? {
        try scanner.skipNull() ? nil : try scanner.stringMap(at: path)
    }
}
