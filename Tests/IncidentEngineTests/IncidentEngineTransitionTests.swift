import Foundation
import IncidentEngine
import XCTest

final class IncidentEngineTransitionTests: XCTestCase {
    let engine = IncidentEngine()
    let t0 = Date(timeIntervalSince1970: 1_772_366_400)

    func incident(_ status: IncidentStatus = .triggered) -> Incident {
        Incident(id: 3, key: "k", source: .pagerduty, title: "T", status: status, openedAt: t0)
    }

    func testAcknowledgeTriggered() throws {
        let transition = try engine.acknowledge(incident(), by: "alice", at: t0.addingTimeInterval(90))
        XCTAssertEqual(transition.incident.status, .acknowledged)
        XCTAssertEqual(transition.incident.acknowledgedBy, "alice")
        XCTAssertEqual(transition.incident.timeToAcknowledge, 90)
        XCTAssertEqual(transition.events.map(\.kind), [.acknowledged])
        XCTAssertEqual(transition.events.first?.message, "Acknowledged by alice")
        XCTAssertEqual(transition.events.first?.actor, "alice")
    }

    func testAcknowledgeAcknowledgedChangesNothing() throws {
        let once = try engine.acknowledge(incident(), by: "alice", at: t0).incident
        let twice = try engine.acknowledge(once, by: "bob", at: t0.addingTimeInterval(5))
        XCTAssertEqual(twice.incident, once)
        XCTAssertEqual(twice.events, [])
    }

    func testAcknowledgeOrResolveResolvedThrowsWithAHint() {
        for action in ["acknowledge", "resolve"] {
            do {
                if action == "acknowledge" {
                    _ = try engine.acknowledge(incident(.resolved), by: nil, at: t0)
                } else {
                    _ = try engine.resolve(incident(.resolved), by: nil, at: t0)
                }
                XCTFail("\(action) of a resolved incident must throw")
            } catch {
                XCTAssertTrue(error.description.contains("cannot \(action) incident 3"), error.description)
                XCTAssertTrue(error.description.contains("new incident"), error.description)
            }
        }
    }

    func testResolveTriggeredAlsoAcknowledges() throws {
        let transition = try engine.resolve(incident(), by: "carol", at: t0.addingTimeInterval(300))
        XCTAssertEqual(transition.incident.status, .resolved)
        XCTAssertEqual(transition.incident.resolvedBy, "carol")
        XCTAssertEqual(transition.incident.acknowledgedAt, t0.addingTimeInterval(300))
        XCTAssertEqual(transition.incident.acknowledgedBy, "carol")
        XCTAssertEqual(transition.incident.timeToResolve, 300)
        XCTAssertEqual(transition.events.map(\.kind), [.resolved])
        XCTAssertEqual(transition.events.first?.message, "Resolved by carol")
    }

    func testResolveAcknowledgedKeepsTheAcknowledgement() throws {
        let acked = try engine.acknowledge(incident(), by: "alice", at: t0.addingTimeInterval(10)).incident
        let resolved = try engine.resolve(acked, by: nil, at: t0.addingTimeInterval(20))
        XCTAssertEqual(resolved.incident.acknowledgedBy, "alice")
        XCTAssertEqual(resolved.incident.acknowledgedAt, t0.addingTimeInterval(10))
        XCTAssertNil(resolved.incident.resolvedBy)
        XCTAssertEqual(resolved.events.first?.message, "Resolved")
    }
}
