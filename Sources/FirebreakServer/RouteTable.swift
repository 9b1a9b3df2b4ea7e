import HTTPTypes
import Storage

/// Every route the server answers, by name.
public enum RouteID: String, Sendable, CaseIterable, Codable {
    case ingestAlertmanager, ingestPagerDuty
    case listIncidents, getIncident, acknowledgeIncident, resolveIncident, addNote, addStatusUpdate, getTimeline,
        recordRun
    case listRunbooks, searchRunbooks, getRunbook
    case listTokens, createToken, revokeToken
    case listDeliveries
    case healthLive, healthReady, metrics, openAPI
}

/// One declared route: method, path (OpenAPI template syntax, `{id}`), and the role a caller needs
/// (`nil`: no authentication). The router, the auth check, the OpenAPI document and the docs all read
/// ``RouteTable/all``.
public struct RouteSpec: Sendable, Equatable {
    /// The route's name, also its OpenAPI `operationId`.
    public var id: RouteID
    /// HTTP method.
    public var method: HTTPRequest.Method
    /// Path template, such as `/api/v1/incidents/{id}`.
    public var path: String
    /// The role a token needs, `nil` for open routes.
    public var role: Role?
    /// One-line summary for the OpenAPI document.
    public var summary: String

    /// The path in Hummingbird's router syntax (`{id}` → `:id`).
    var routerPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? ":" + part.dropFirst().dropLast() : String(part)
        }.joined(separator: "/")
    }
}

/// The route table.
public enum RouteTable {
    /// Every route, in documentation order.
    public static let all: [RouteSpec] = [
        RouteSpec(
            id: .ingestAlertmanager, method: .post, path: "/api/v1/alerts/alertmanager", role: .ingest,
            summary: "Ingest an Alertmanager webhook (version 4)"),
        RouteSpec(
            id: .ingestPagerDuty, method: .post, path: "/v2/enqueue", role: .ingest,
            summary: "Ingest a PagerDuty Events API v2 event"),
        RouteSpec(
            id: .listIncidents, method: .get, path: "/api/v1/incidents", role: .viewer,
            summary: "List incidents, newest first, with filters and cursor paging"),
        RouteSpec(
            id: .getIncident, method: .get, path: "/api/v1/incidents/{id}", role: .viewer,
            summary: "One incident with its alerts"),
        RouteSpec(
            id: .acknowledgeIncident, method: .post, path: "/api/v1/incidents/{id}/acknowledge", role: .responder,
            summary: "Acknowledge an incident"),
        RouteSpec(
            id: .resolveIncident, method: .post, path: "/api/v1/incidents/{id}/resolve", role: .responder,
            summary: "Resolve an incident by hand"),
        RouteSpec(
            id: .addNote, method: .post, path: "/api/v1/incidents/{id}/notes", role: .responder,
            summary: "Add a note to the timeline"),
        RouteSpec(
            id: .addStatusUpdate, method: .post, path: "/api/v1/incidents/{id}/status-updates", role: .responder,
            summary: "Post a status update"),
        RouteSpec(
            id: .getTimeline, method: .get, path: "/api/v1/incidents/{id}/timeline", role: .viewer,
            summary: "The incident's timeline, oldest first"),
        RouteSpec(
            id: .recordRun, method: .post, path: "/api/v1/incidents/{id}/runs", role: .responder,
            summary: "Record a `firebreak run` on the timeline"),
        RouteSpec(id: .listRunbooks, method: .get, path: "/api/v1/runbooks", role: .viewer, summary: "List runbooks"),
        RouteSpec(
            id: .searchRunbooks, method: .get, path: "/api/v1/runbooks/search", role: .viewer,
            summary: "Ranked full-text search over runbooks"),
        RouteSpec(
            id: .getRunbook, method: .get, path: "/api/v1/runbooks/{id}", role: .viewer,
            summary: "One runbook with sections and steps"),
        RouteSpec(
            id: .listTokens, method: .get, path: "/api/v1/tokens", role: .admin,
            summary: "List API tokens (never their secrets)"),
        RouteSpec(
            id: .createToken, method: .post, path: "/api/v1/tokens", role: .admin,
            summary: "Create an API token; the secret is returned once"),
        RouteSpec(
            id: .revokeToken, method: .delete, path: "/api/v1/tokens/{id}", role: .admin, summary: "Revoke an API token"
        ),
        RouteSpec(
            id: .listDeliveries, method: .get, path: "/api/v1/deliveries", role: .admin,
            summary: "Accepted notifications with their request ids"),
        RouteSpec(id: .healthLive, method: .get, path: "/health/live", role: nil, summary: "The process is up"),
        RouteSpec(
            id: .healthReady, method: .get, path: "/health/ready", role: nil,
            summary: "The store answers and its schema is migrated"),
        RouteSpec(id: .metrics, method: .get, path: "/metrics", role: nil, summary: "Prometheus metrics"),
        RouteSpec(
            id: .openAPI, method: .get, path: "/openapi.json", role: nil, summary: "This API's OpenAPI 3.1 document"),
    ]

    /// The spec of `id`.
    public static func spec(_ id: RouteID) -> RouteSpec {
        guard let spec = all.first(where: { $0.id == id }) else {
            preconditionFailure("RouteTable.all has no spec for \(id)")
        }
        return spec
    }
}
