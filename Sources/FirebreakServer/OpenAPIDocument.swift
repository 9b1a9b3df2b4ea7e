import Foundation

/// The OpenAPI 3.1 document served at `/openapi.json`, built from ``RouteTable`` plus each route's
/// parameters and bodies, so a route cannot exist without being documented.
public enum OpenAPIDocument {
    /// The document as a JSON object tree.
    public static var object: [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for spec in RouteTable.all {
            paths[spec.path, default: [:]][spec.method.rawValue.lowercased()] = operation(spec)
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Firebreak API", "version": "1",
                "description": "Incidents from Alertmanager and PagerDuty Events v2, runbooks, tokens and operations.",
            ],
            "paths": paths,
            "components": [
                "securitySchemes": [
                    "bearer": [
                        "type": "http", "scheme": "bearer", "description": "A token from `firebreak token create`.",
                    ]
                ],
                "schemas": OpenAPISchemas.all,
            ],
        ]
    }

    /// The document as JSON bytes (sorted keys).
    public static let json: [UInt8] = {
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return [UInt8](data)
    }()

    private static func operation(_ spec: RouteSpec) -> [String: Any] {
        let shape = OpenAPIRouteShapes.shape(of: spec.id)
        var responses: [String: Any] = [:]
        for (status, schema) in shape.responses {
            var response: [String: Any] = ["description": description(status)]
            if let schema {
                let media = schema == "Metrics" ? "text/plain" : "application/json"
                response["content"] = [media: ["schema": media == "text/plain" ? ["type": "string"] : ref(schema)]]
            }
            responses[String(status)] = response
        }
        // The dispatcher rejects a malformed X-Request-ID with the generic error before the route runs.
        responses["400"] = withGenericError(responses["400"] as? [String: Any])
        if let role = spec.role {
            responses["401"] = errorResponse("No token, or an unknown or revoked one")
            responses["403"] = errorResponse("The token's role is not enough; needs \(role.rawValue)")
        }
        var operation: [String: Any] = [
            "operationId": spec.id.rawValue, "summary": spec.summary, "responses": responses,
            "security": spec.role == nil ? [] : [["bearer": []]],
        ]
        if let role = spec.role { operation["x-required-role"] = role.rawValue }
        var parameters: [[String: Any]] = []
        if spec.path.contains("{id}") {
            parameters.append([
                "name": "id", "in": "path", "required": true,
                "schema": ["type": spec.path.contains("runbooks") ? "string" : "integer"],
            ])
        }
        for (name, type) in shape.query {
            parameters.append(["name": name, "in": "query", "required": name == "q", "schema": ["type": type]])
        }
        // Printable ASCII as RequestDispatcher.isValidRequestID accepts it; no outer spaces, which HTTP trims.
        parameters.append([
            "name": "X-Request-ID", "in": "header", "required": false,
            "schema": ["type": "string", "minLength": 1, "maxLength": 128, "pattern": "^[!-~]([ -~]*[!-~])?$"],
        ])
        operation["parameters"] = parameters
        if let body = shape.body {
            operation["requestBody"] = ["required": true, "content": ["application/json": ["schema": ref(body)]]]
        }
        return operation
    }

    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }

    /// A 400 response that also admits the generic `Error` shape.
    private static func withGenericError(_ response: [String: Any]?) -> [String: Any] {
        guard var response, let content = response["content"] as? [String: Any],
            let json = content["application/json"] as? [String: Any], let schema = json["schema"] as? [String: Any]
        else { return errorResponse(description(400)) }
        if schema["$ref"] as? String != ref("Error")["$ref"] as? String {
            response["content"] = ["application/json": ["schema": ["anyOf": [schema, ref("Error")]]]]
        }
        return response
    }

    private static func errorResponse(_ text: String) -> [String: Any] {
        ["description": text, "content": ["application/json": ["schema": ref("Error")]]]
    }

    private static func description(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No content"
        case 400: "Invalid request; the message says what to fix"
        case 404: "Not found"
        case 409: "The action conflicts with the current state"
        case 413: "The body is over a limit"
        case 503: "Not ready"
        default: "Response"
        }
    }
}

/// Per-route request and response shapes for the OpenAPI document.
enum OpenAPIRouteShapes {
    struct Shape {
        var query: [(String, String)] = []
        var body: String?
        var responses: [(Int, String?)]
    }

    static func shape(of id: RouteID) -> Shape {
        switch id {
        case .ingestAlertmanager:
            Shape(body: "AlertmanagerWebhook", responses: [(200, "IngestResult"), (400, "Error"), (413, "Error")])
        case .ingestPagerDuty:
            Shape(
                body: "PagerDutyEvent",
                responses: [(202, "PagerDutyAnswer"), (400, "PagerDutyAnswer"), (413, "PagerDutyAnswer")])
        case .listIncidents:
            Shape(
                query: [
                    ("status", "string"), ("severity", "string"), ("service", "string"), ("runbook", "string"),
                    ("since", "string"),
                    ("until", "string"), ("limit", "integer"), ("cursor", "string"),
                ],
                responses: [(200, "IncidentPage"), (400, "Error")])
        case .getIncident: Shape(responses: [(200, "Incident"), (404, "Error")])
        case .acknowledgeIncident, .resolveIncident:
            Shape(responses: [(200, "Incident"), (404, "Error"), (409, "Error")])
        case .addNote: Shape(body: "NoteRequest", responses: [(201, "Timeline"), (400, "Error"), (404, "Error")])
        case .addStatusUpdate:
            Shape(body: "StatusUpdateRequest", responses: [(201, "Timeline"), (400, "Error"), (404, "Error")])
        case .getTimeline:
            Shape(
                query: [("after", "integer"), ("limit", "integer")],
                responses: [(200, "Timeline"), (400, "Error"), (404, "Error")])
        case .recordRun: Shape(body: "RunRequest", responses: [(201, "Timeline"), (400, "Error"), (404, "Error")])
        case .listRunbooks: Shape(responses: [(200, "RunbookList")])
        case .searchRunbooks:
            Shape(query: [("q", "string"), ("limit", "integer")], responses: [(200, "SearchResults"), (400, "Error")])
        case .getRunbook: Shape(responses: [(200, "RunbookDetail"), (404, "Error")])
        case .listTokens: Shape(responses: [(200, "TokenList")])
        case .createToken: Shape(body: "TokenRequest", responses: [(201, "Token"), (400, "Error"), (409, "Error")])
        case .revokeToken: Shape(responses: [(204, nil), (404, "Error")])
        case .listDeliveries:
            Shape(
                query: [("after", "integer"), ("limit", "integer")], responses: [(200, "DeliveryList"), (400, "Error")])
        case .healthLive: Shape(responses: [(200, "Health")])
        case .healthReady: Shape(responses: [(200, "Health"), (503, "Health")])
        case .metrics: Shape(responses: [(200, "Metrics")])
        case .openAPI: Shape(responses: [(200, "OpenAPI")])
        }
    }
}
