import Foundation
import Hummingbird
import RunbookModel

/// `/api/v1/runbooks…`: the catalog as loaded at start or last reload.
enum RunbookRoutes {
    struct Summary: Encodable {
        var id: String
        var title: String?
        var severity: String?
        var mttrSeconds: Int?
        var service: String?
        var alerts: [String]
        var file: String
        var line: Int

        enum CodingKeys: String, CodingKey {
            case id, title, severity, service, alerts, file, line
            case mttrSeconds = "mttr_seconds"
        }

        init(_ runbook: Runbook) {
            id = runbook.id
            title = runbook.title
            severity = runbook.metadata.severity?.rawValue
            mttrSeconds = runbook.metadata.mttr?.seconds
            service = runbook.metadata.service
            alerts = runbook.metadata.alerts
            file = runbook.file
            line = runbook.location.line
        }
    }

    struct Detail: Encodable {
        struct SectionRow: Encodable {
            var kind: String?
            var title: String
            var line: Int
        }

        struct CommandRow: Encodable {
            var line: Int
            var language: String
            var script: String
        }

        struct StepRow: Encodable {
            var number: Int
            var title: String
            var line: Int
            var commands: [CommandRow]
        }

        var runbook: Summary
        var owner: String?
        var tags: [String]
        var sections: [SectionRow]
        var steps: [StepRow]

        init(_ runbook: Runbook) {
            self.runbook = Summary(runbook)
            owner = runbook.metadata.owner
            tags = runbook.metadata.tags
            sections = runbook.sections.map {
                SectionRow(kind: $0.kind?.rawValue, title: $0.title, line: $0.location.line)
            }
            steps = runbook.steps.map { step in
                StepRow(
                    number: step.number, title: step.title, line: step.location.line,
                    commands: step.blockIndexes.map { index in
                        let block = runbook.blocks[index]
                        return CommandRow(
                            line: block.location.line, language: languageName(block.language), script: block.script)
                    })
            }
        }
    }

    struct Hit: Encodable {
        var id: String
        var title: String
        var file: String
        var line: Int
        var score: Double
        var snippet: String
        var matchedFields: [String]

        enum CodingKeys: String, CodingKey {
            case id, title, file, line, score, snippet
            case matchedFields = "matched_fields"
        }
    }

    static func languageName(_ language: BlockLanguage) -> String {
        switch language {
        case .shell: "shell"
        case .sql: "sql"
        case .promql: "promql"
        case .yaml: "yaml"
        case .other(let name): name
        }
    }

    struct ListView: Encodable { var runbooks: [Summary] }
    struct SearchView: Encodable { var results: [Hit] }

    static func list(_ call: inout APICall) async throws -> Response {
        JSONResponse.make(ListView(runbooks: call.environment.runtime.value.catalog.runbooks.map(Summary.init)))
    }

    static func get(_ call: inout APICall) async throws -> Response {
        let id = call.context.parameters.get("id") ?? ""
        guard let runbook = call.environment.runtime.value.catalog.runbook(id: id) else {
            throw APIError.notFound("no runbook with id '\(id)'; GET /api/v1/runbooks lists the ids")
        }
        return JSONResponse.make(Detail(runbook))
    }

    static func search(_ call: inout APICall) async throws -> Response {
        guard let query = call.query("q"), !query.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIError.badRequest("q is missing; search with ?q=words, such as ?q=UNAVAILABLE")
        }
        let limit = try call.integerQuery("limit", default: 10, range: 1...100)
        let hits = try await call.environment.runtime.value.catalog.search.search(query, limit: limit)
        return JSONResponse.make(
            SearchView(
                results: hits.map {
                    Hit(
                        id: $0.id, title: $0.title, file: $0.file, line: $0.line, score: $0.score, snippet: $0.snippet,
                        matchedFields: $0.matchedFields)
                }))
    }
}
