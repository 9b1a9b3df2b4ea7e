import Foundation

/// The component schemas of the OpenAPI document.
enum OpenAPISchemas {
    static func object(_ properties: [String: Any], required: [String]) -> [String: Any] {
        ["type": "object", "properties": properties, "required": required]
    }

    static var string: [String: Any] { ["type": "string"] }
    static var nullableString: [String: Any] { ["type": ["string", "null"]] }
    static var integer: [String: Any] { ["type": "integer"] }
    static var nullableInteger: [String: Any] { ["type": ["integer", "null"]] }
    static var time: [String: Any] { ["type": "string", "format": "date-time"] }
    static var nullableTime: [String: Any] { ["type": ["string", "null"], "format": "date-time"] }
    static var nullableNumber: [String: Any] { ["type": ["number", "null"]] }
    static var stringMap: [String: Any] { ["type": "object", "additionalProperties": ["type": "string"]] }
    static func array(_ items: [String: Any]) -> [String: Any] { ["type": "array", "items": items] }
    static func ref(_ name: String) -> [String: Any] { OpenAPIDocument.ref(name) }

    static var all: [String: Any] {
        [
            "Error": object(
                ["error": object(["code": string, "message": string], required: ["code", "message"])],
                required: ["error"]),
            "AlertmanagerWebhook": object(
                [
                    "version": string, "groupKey": string,
                    "status": ["type": "string", "enum": ["firing", "resolved"]],
                    "receiver": string, "groupLabels": stringMap, "commonLabels": stringMap,
                    "commonAnnotations": stringMap,
                    "externalURL": string, "truncatedAlerts": integer,
                    "alerts": array(
                        object(
                            [
                                "status": ["type": "string", "enum": ["firing", "resolved"]], "labels": stringMap,
                                "annotations": stringMap,
                                "startsAt": string, "endsAt": string, "generatorURL": string, "fingerprint": string,
                            ], required: ["status", "labels"])),
                ], required: ["version", "groupKey", "status", "alerts"]),
            "IngestResult": object(
                [
                    "incident_id": nullableInteger, "opened": ["type": "boolean"], "delivery_id": integer,
                    "request_id": string,
                ],
                required: ["opened", "delivery_id", "request_id"]),
            "PagerDutyEvent": object(
                [
                    "routing_key": string,
                    "event_action": ["type": "string", "enum": ["trigger", "acknowledge", "resolve"]],
                    "dedup_key": string, "client": string, "client_url": string,
                    "payload": object(
                        [
                            "summary": string, "source": string,
                            "severity": ["type": "string", "enum": ["critical", "error", "warning", "info"]],
                            "timestamp": time, "component": string, "group": string, "class": string,
                            "custom_details": [:],
                        ], required: ["summary", "source", "severity"]),
                ], required: ["routing_key", "event_action"]),
            "PagerDutyAnswer": object(
                ["status": string, "message": string, "dedup_key": string, "errors": array(string)],
                required: ["status", "message"]),
            "Incident": incident,
            "IncidentPage": object(
                ["incidents": array(ref("Incident")), "next_cursor": nullableString], required: ["incidents"]),
            "TimelineEvent": object(
                [
                    "id": integer, "incident_id": integer, "at": time, "kind": string, "actor": nullableString,
                    "message": string,
                    "details": stringMap,
                ], required: ["id", "incident_id", "at", "kind", "message", "details"]),
            "Timeline": object(["events": array(ref("TimelineEvent"))], required: ["events"]),
            "NoteRequest": object(["text": string], required: ["text"]),
            "StatusUpdateRequest": object(["text": string, "status": string], required: ["text"]),
            "RunRequest": object(
                [
                    "run_id": string, "runbook": string,
                    "events": array([
                        "type": "object", "properties": ["event": string, "time": string], "required": ["event"],
                    ]),
                ],
                required: ["run_id", "runbook", "events"]),
            "RunbookSummary": runbookSummary,
            "RunbookList": object(["runbooks": array(ref("RunbookSummary"))], required: ["runbooks"]),
            "RunbookDetail": object(
                [
                    "runbook": ref("RunbookSummary"), "owner": nullableString, "tags": array(string),
                    "sections": array(
                        object(
                            ["kind": nullableString, "title": string, "line": integer], required: ["title", "line"])),
                    "steps": array(
                        object(
                            [
                                "number": integer, "title": string, "line": integer,
                                "commands": array(
                                    object(
                                        ["line": integer, "language": string, "script": string],
                                        required: ["line", "language", "script"])),
                            ], required: ["number", "title", "line", "commands"])),
                ], required: ["runbook", "tags", "sections", "steps"]),
            "SearchResults": object(
                [
                    "results": array(
                        object(
                            [
                                "id": string, "title": string, "file": string, "line": integer,
                                "score": ["type": "number"], "snippet": string,
                                "matched_fields": array(string),
                            ], required: ["id", "title", "file", "line", "score", "snippet", "matched_fields"]))
                ], required: ["results"]),
            "TokenRequest": object(
                ["name": string, "role": ["type": "string", "enum": ["viewer", "responder", "admin", "ingest"]]],
                required: ["name", "role"]),
            "Token": object(
                [
                    "id": integer, "name": string, "role": string, "created_at": time, "revoked_at": nullableTime,
                    "secret": string,
                ],
                required: ["id", "name", "role", "created_at"]),
            "TokenList": object(["tokens": array(ref("Token"))], required: ["tokens"]),
            "DeliveryList": object(
                [
                    "deliveries": array(
                        object(
                            [
                                "id": integer, "request_id": nullableString, "source": string, "key": string,
                                "alert_count": integer,
                                "incident_id": nullableInteger, "received_at": time,
                            ], required: ["id", "source", "key", "alert_count", "received_at"])),
                    "next_after": nullableInteger,
                ], required: ["deliveries"]),
            "Health": object(
                ["status": string, "schema_version": integer, "runbooks": integer, "reason": string],
                required: ["status"]),
            "OpenAPI": object(["openapi": string, "paths": ["type": "object"]], required: ["openapi", "paths"]),
        ]
    }

    static var runbookSummary: [String: Any] {
        object(
            [
                "id": string, "title": nullableString, "severity": nullableString, "mttr_seconds": nullableInteger,
                "service": nullableString, "alerts": array(string), "file": string, "line": integer,
            ], required: ["id", "alerts", "file", "line"])
    }

    static var incident: [String: Any] {
        object(
            [
                "id": integer, "key": string, "source": string, "title": string,
                "status": ["type": "string", "enum": ["triggered", "acknowledged", "resolved"]],
                "severity": ["type": "string", "enum": ["critical", "high", "warning", "info", "unknown"]],
                "service": nullableString, "labels": stringMap,
                "runbook": [
                    "type": ["object", "null"], "properties": ["id": string, "reason": string, "url": nullableString],
                    "required": ["id", "reason"],
                ],
                "alerts": array(
                    object(
                        [
                            "fingerprint": string, "status": string, "labels": stringMap, "annotations": stringMap,
                            "starts_at": nullableTime,
                            "ends_at": nullableTime, "first_seen_at": time, "last_seen_at": time,
                        ],
                        required: ["fingerprint", "status", "labels", "annotations", "first_seen_at", "last_seen_at"])),
                "detected_at": nullableTime, "opened_at": time, "acknowledged_at": nullableTime,
                "acknowledged_by": nullableString,
                "resolved_at": nullableTime, "resolved_by": nullableString, "mtta_seconds": nullableNumber,
                "mttr_seconds": nullableNumber,
                "mttd_seconds": nullableNumber,
            ], required: ["id", "key", "source", "title", "status", "severity", "labels", "alerts", "opened_at"])
    }
}
