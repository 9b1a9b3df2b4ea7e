import RunbookModel
import RunbookParser
import StepExecution

/// Parses a runbook written in a test.
enum PlanFixtures {
    static func runbook(_ markdown: String, file: String = "fixture.md") -> Runbook {
        let document = RunbookDocumentParser().parse(bytes: Array(markdown.utf8), file: file)
        precondition(document.runbooks.count == 1, "fixture must hold one runbook, found \(document.runbooks.count)")
        return document.runbooks[0]
    }

    static func plan(_ markdown: String) -> RunPlan { RunPlanner().plan(runbook(markdown)) }

    /// A runbook with a read-only, a mutating and a destructive step, and alternatives.
    static let mixed = """
        ---
        id: RB-MIX
        title: Mixed runbook
        ---
        # Mixed runbook

        ## Steps

        ### Step 1: Look

        ```bash
        kubectl get pods -n <namespace>
        ```

        ### Step 2: Restart

        ```bash
        kubectl rollout restart deploy/api -n <namespace>
        ```

        ### Step 3: Delete

        ```bash
        kubectl delete pod <pod-name> -n <namespace>
        ```

        ### Step 4: Fix

        ```bash
        # Option 1: Restart
        systemctl restart nginx
        # Option 2: Reload
        systemctl reload nginx
        ```
        """
}
