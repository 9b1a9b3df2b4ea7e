import Foundation
import XCTest

@testable import ShellAnalysis

final class PlaceholdersTests: XCTestCase {
    func testFindsEveryKindWithVariablesAndPositions() {
        let script = """
            kubectl logs <pod-name> -n <namespace>
            curl -H "Authorization: Bearer <YOUR_TOKEN>" https://api.example.test/orgs/YOUR_ORG
            echo {{ $labels.namespace }} {{ .Labels.instance }}
            export KEY=REPLACE_ME; deploy --name CHANGEME --id xxx api-xxxxx
            notify --key your-routing-key-here
            """
        let found = Placeholders.find(in: script)
        XCTAssertEqual(
            found.map(\.text),
            [
                "<pod-name>", "<namespace>", "<YOUR_TOKEN>", "YOUR_ORG", "{{ $labels.namespace }}",
                "{{ .Labels.instance }}", "REPLACE_ME", "CHANGEME", "xxx", "xxxxx", "your-routing-key-here",
            ]
        )
        XCTAssertEqual(
            found.map(\.variable),
            [
                "POD_NAME", "NAMESPACE", "YOUR_TOKEN", "YOUR_ORG", "NAMESPACE", "INSTANCE", "REPLACE_ME", "CHANGEME",
                "XXX", "XXXXX", "YOUR_ROUTING_KEY_HERE",
            ]
        )
        XCTAssertEqual(
            found.map(\.kind),
            [
                .angle, .angle, .angle, .yourPrefix, .template, .template, .marker, .marker, .marker, .marker,
                .yourPrefix,
            ])
        XCTAssertEqual(found[0].line, 0)
        XCTAssertEqual(found[0].column, 14)
        XCTAssertEqual(found[3].line, 1)
        XCTAssertEqual(found[3].column, 76)
    }

    func testIgnoresRedirectionsHeredocsCommentsAndReferences() {
        let script = """
            # replace <pod-name> with the pod
            cat <<EOF > out.txt
            plain
            EOF
            diff <(ls a) <(ls b) 2>&1 < input.txt
            echo "$YOUR_TOKEN" ${YOUR_ORG}
            YOUR_REGION=eu-west-1 run
            echo max-index xx
            """
        XCTAssertEqual(Placeholders.find(in: script), [])
    }

    func testRealTemplatesAndPrintedValuesAreNotPlaceholders() {
        let script = """
            kubectl get pods -o go-template='{{range .items}}{{.metadata.name}}{{end}}'
            echo 'NODE   ROLES    <none>'
            echo "{{ $value }} {{ .CommonLabels.severity }}"
            """
        XCTAssertEqual(Placeholders.find(in: script).map(\.variable), ["VALUE", "SEVERITY"])
    }

    func testRewriteQuotesByContext() {
        let script =
            #"kubectl -n <namespace> logs "pod/<pod-name>" --since=1h; echo '<literal>' "{{ $labels.job }}" x=YOUR_ORG"#
        let (rewritten, found) = Placeholders.rewrite(script)
        XCTAssertEqual(
            rewritten,
            #"kubectl -n "${NAMESPACE}" logs "pod/${POD_NAME}" --since=1h; echo '<literal>' "${JOB}" x="${YOUR_ORG}""#
        )
        XCTAssertEqual(found.map(\.variable), ["NAMESPACE", "POD_NAME", "LITERAL", "JOB", "YOUR_ORG"])
    }

    func testRewriteInsideSubstitutionAndHeredocs() {
        let script = """
            echo "pods: $(kubectl get pods -n <ns> | grep <app>)"
            cat <<EOF
            namespace: <ns>
            EOF
            cat <<'EOF'
            namespace: <ns>
            EOF
            """
        let (rewritten, found) = Placeholders.rewrite(script)
        XCTAssertEqual(
            rewritten,
            """
            echo "pods: $(kubectl get pods -n "${NS}" | grep "${APP}")"
            cat <<EOF
            namespace: ${NS}
            EOF
            cat <<'EOF'
            namespace: <ns>
            EOF
            """
        )
        XCTAssertEqual(found.map(\.line), [0, 0, 2, 5])
    }

    func testRewriteNeverSplicesAValue() {
        let (rewritten, _) = Placeholders.rewrite("rm -rf /data/<dir>")
        XCTAssertEqual(rewritten, #"rm -rf /data/"${DIR}""#)
        XCTAssertFalse(rewritten.contains("<"))
    }

    func testRewrittenScriptsPassBashSyntaxCheck() throws {
        let bash = URL(fileURLWithPath: "/bin/bash")
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: bash.path), "bash is not installed")
        let scripts = [
            "kubectl logs <pod-name> -n <namespace> | grep <pattern>",
            #"curl -H "Authorization: Bearer <YOUR_TOKEN>" "https://api.example.test/<path>?q=<query>""#,
            "echo {{ $labels.namespace }} && ssh <user>@<host> 'uptime'",
            "for p in <pod-a> <pod-b>; do kubectl delete pod $p; done",
            "VALUE=$(kubectl get secret <secret> -o jsonpath='{.data.<key>}')",
            "cat <<EOF | kubectl apply -f -\nmetadata:\n  name: <name>\nEOF",
            "aws s3 ls s3://YOUR_BUCKET/<prefix>/ --profile YOUR_PROFILE",
        ]
        for script in scripts {
            let (rewritten, found) = Placeholders.rewrite(script)
            XCTAssertFalse(found.isEmpty, script)
            let process = Process()
            process.executableURL = bash
            process.arguments = ["-n", "-c", rewritten]
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            process.waitUntilExit()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            XCTAssertEqual(process.terminationStatus, 0, "\(rewritten)\n\(message)")
        }
    }

    func testVariableNames() {
        XCTAssertEqual(Placeholders.variableName(Array("pod-name".utf8)), "POD_NAME")
        XCTAssertEqual(Placeholders.variableName(Array("db.host".utf8)), "DB_HOST")
        XCTAssertEqual(Placeholders.variableName(Array("1st".utf8)), "_1ST")
    }
}
