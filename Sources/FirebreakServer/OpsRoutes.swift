import Foundation
import HTTPTypes
import Hummingbird

/// `/health/live`, `/health/ready`, `/metrics`, `/openapi.json`: no authentication.
enum OpsRoutes {
    struct Health: Encodable {
        var status: String
        var schemaVersion: Int?
        var runbooks: Int?
        var reason: String?

        enum CodingKeys: String, CodingKey {
            case status, runbooks, reason
            case schemaVersion = "schema_version"
        }
    }

    static func live(_ call: inout APICall) async throws -> Response {
        JSONResponse.make(Health(status: "ok"))
    }

    static func ready(_ call: inout APICall) async throws -> Response {
        let environment = call.environment
        do {
            let version = try await environment.timed("ping") {
                try await environment.store.ping()
                return try await environment.store.schemaVersion()
            }
            guard version > 0 else {
                return JSONResponse.make(
                    status: .serviceUnavailable,
                    Health(status: "unavailable", schemaVersion: version, reason: "migrations have not run"))
            }
            return JSONResponse.make(
                Health(status: "ok", schemaVersion: version, runbooks: environment.runtime.value.catalog.runbooks.count)
            )
        } catch {
            return JSONResponse.make(status: .serviceUnavailable, Health(status: "unavailable", reason: "\(error)"))
        }
    }

    static func metrics(_ call: inout APICall) async throws -> Response {
        let environment = call.environment
        let counts =
            (try? await environment.timed("open_counts") { try await environment.store.openIncidentCounts() }) ?? [:]
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: environment.metrics.render(openCounts: counts))))
    }

    static func openAPI(_ call: inout APICall) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(
            status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.json)))
    }
}
