import RunbookModel
import StepExecution
import XCTest

final class RunPlannerTests: XCTestCase {
    func testStepsCommandsClassesAndPlaceholderRewriting() {
        let plan = PlanFixtures.plan(PlanFixtures.mixed)
        XCTAssertEqual(plan.runbookID, "RB-MIX")
        XCTAssertEqual(plan.steps.map(\.title), ["Look", "Restart", "Delete", "Fix"])
        guard case .command(let look) = plan.steps[0].items.first, case .command(let delete) = plan.steps[2].items.first
        else {
            return XCTFail("steps 1 and 3 should start with a command: \(plan.steps)")
        }
        XCTAssertEqual(look.safety, .readOnly)
        XCTAssertEqual(look.text, "kubectl get pods -n \"${NAMESPACE}\"")
        XCTAssertEqual(look.requiredVariables, ["NAMESPACE"])
        XCTAssertEqual(delete.safety, .destructive)
        XCTAssertEqual(delete.requiredVariables, ["POD_NAME", "NAMESPACE"])
        XCTAssertEqual(plan.requiredVariables, ["NAMESPACE", "POD_NAME"])
    }

    func testAlternativesBecomeOneChoice() {
        let plan = PlanFixtures.plan(PlanFixtures.mixed)
        guard case .choice(let options) = plan.steps[3].items.first, plan.steps[3].items.count == 1 else {
            return XCTFail("step 4 should be one choice: \(plan.steps[3].items)")
        }
        XCTAssertEqual(options.map(\.label).map { $0.contains("Restart") }, [true, false])
        XCTAssertEqual(
            options.map { $0.commands.map(\.text) }, [["systemctl restart nginx"], ["systemctl reload nginx"]])
    }

    func testAssignmentsAndExportsAreCarriedIntoLaterCommands() {
        let plan = PlanFixtures.plan(
            """
            # Carry

            ## Steps

            ### Step 1: Set

            ```bash
            export NS=prod
            POD=$(kubectl get pods -n "$NS" -o name | head -1)
            ```

            ### Step 2: Use

            ```bash
            kubectl logs "$POD" -n "$NS"
            ```
            """)
        let commands = plan.steps.flatMap(\.items).flatMap(\.commands)
        XCTAssertEqual(commands.count, 2, "a setup-only block is one command, then the use: \(commands)")
        XCTAssertEqual(commands.last?.text, "kubectl logs \"$POD\" -n \"$NS\"")
        XCTAssertEqual(
            commands.last?.script,
            "export NS=prod\nPOD=$(kubectl get pods -n \"$NS\" -o name | head -1)\nkubectl logs \"$POD\" -n \"$NS\"")
        XCTAssertEqual(commands.last?.safety, .readOnly)
    }

    func testNeverTerminatingCommandsAndTimeoutAttributeAndSQLBlocks() {
        let plan = PlanFixtures.plan(
            """
            # Follow

            ## Steps

            ### Step 1: Watch

            ```bash {timeout=5m}
            tail -f /var/log/syslog
            ```

            ### Step 2: Query

            ```sql
            SELECT 1;
            ```
            """)
        guard case .command(let follow) = plan.steps[0].items.first else {
            return XCTFail("no command in \(plan.steps)")
        }
        XCTAssertTrue(follow.neverTerminates)
        XCTAssertEqual(follow.timeoutSeconds, 300)
        guard case .notRunnable(let language, _, _) = plan.steps[1].items.first else {
            return XCTFail("SQL should not run: \(plan.steps[1])")
        }
        XCTAssertEqual(language, "sql")
    }
}
