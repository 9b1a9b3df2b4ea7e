import XCTest

@testable import ShellAnalysis

final class ShellParserTests: XCTestCase {
    private func programs(_ script: String) -> [String?] {
        ShellParser.parse(script).commands.map(\.program)
    }

    func testQuotesAndEscapesAreResolvedInText() {
        let command = ShellParser.parse(#"echo 'a b' "c $HOME d" e\ f $'x\ty' "q\"q""#).commands[0]
        XCTAssertEqual(command.arguments.map(\.text), ["a b", "c $HOME d", "e f", "x\ty", "q\"q"])
        XCTAssertEqual(command.arguments.map(\.isQuoted), [true, true, true, true, true])
        XCTAssertEqual(command.arguments.map(\.hasExpansion), [false, true, false, false, false])
        XCTAssertEqual(command.arguments[0].raw, "'a b'")
    }

    func testWordPositionsAreZeroBasedLinesAndOneBasedColumns() {
        let parse = ShellParser.parse("ls\n  kubectl get pods")
        XCTAssertEqual(parse.commands[1].words.map(\.line), [1, 1, 1])
        XCTAssertEqual(parse.commands[1].words.map(\.column), [3, 11, 15])
        XCTAssertEqual(parse.commands[1].line, 1)
        XCTAssertEqual(parse.commands[1].column, 3)
    }

    func testLineContinuationGivesLaterWordsTheirOwnLines() {
        let parse = ShellParser.parse("kubectl get pods \\\n  -n payments \\\n  -o wide\necho done")
        let first = parse.commands[0]
        XCTAssertEqual(first.argumentTexts, ["get", "pods", "-n", "payments", "-o", "wide"])
        XCTAssertEqual(first.arguments.map(\.line), [0, 0, 1, 1, 2, 2])
        XCTAssertEqual(first.arguments[2].column, 3)
        XCTAssertEqual(parse.commands[1].line, 3)
    }

    func testCommentsAreSkippedOnlyAtWordStart() {
        let parse = ShellParser.parse("# kubectl delete pod x\necho a#b # trailing\n")
        XCTAssertEqual(parse.commands.map(\.program), ["echo"])
        XCTAssertEqual(parse.commands[0].argumentTexts, ["a#b"])
    }

    func testListsPipelinesAndStdinRedirection() {
        let parse = ShellParser.parse("a && b || c; d & e | f |& g\nh < in.txt > out.txt 2>&1")
        XCTAssertEqual(parse.commands.map(\.program), ["a", "b", "c", "d", "e", "f", "g", "h"])
        XCTAssertEqual(parse.commands.map(\.stdinRedirected), [false, false, false, false, false, true, true, true])
        XCTAssertEqual(parse.commands[7].arguments, [])
    }

    func testHeredocBodiesAreNotCommandsAndQuotedBodiesHaveNoVariables() {
        let script = """
            cat <<EOF | kubectl apply -f -
            name: $NAME
            rm -rf /
            EOF
            psql <<'SQL'
            SELECT $NOT_A_VAR;
            SQL
            echo after
            """
        let parse = ShellParser.parse(script)
        XCTAssertEqual(parse.commands.map(\.program), ["cat", "kubectl", "psql", "echo"])
        XCTAssertEqual(parse.heredocBodies, [1...2, 5...5])
        XCTAssertEqual(parse.variableUses.map(\.name), ["NAME"])
        XCTAssertEqual(parse.variableUses.first?.line, 1)
        XCTAssertEqual(parse.commands[0].stdinText, "name: $NAME\nrm -rf /")
        XCTAssertEqual(parse.commands[2].stdinText, "SELECT $NOT_A_VAR;")
        XCTAssertTrue(parse.commands[2].stdinRedirected)
        XCTAssertEqual(parse.commands[3].line, 7)
        XCTAssertTrue(parse.problems.isEmpty, "\(parse.problems)")
    }

    func testSeveralHeredocsOnOneLineAndTabStripping() {
        let script = "paste <<A <<-\"B\"\none\nA\n\ttwo\n\tB\necho $X"
        let parse = ShellParser.parse(script)
        XCTAssertEqual(parse.heredocBodies, [1...1, 3...3])
        XCTAssertEqual(parse.heredocs.map(\.isQuoted), [false, true])
        XCTAssertEqual(parse.heredocs.map(\.stripsTabs), [false, true])
        XCTAssertEqual(parse.commands.map(\.program), ["paste", "echo"])
        XCTAssertEqual(parse.commands[1].line, 5)
    }

    func testUnterminatedHeredocIsAProblem() {
        let parse = ShellParser.parse("cat <<EOF\nhello\n")
        XCTAssertEqual(parse.problems.count, 1)
        XCTAssertEqual(parse.problems.first?.line, 0)
        XCTAssertEqual(parse.heredocBodies, [1...1])
    }

    func testHereStringRedirectsStdin() {
        let command = ShellParser.parse("redis-cli <<< 'PING'").commands[0]
        XCTAssertTrue(command.stdinRedirected)
        XCTAssertEqual(command.stdinText, "PING")
    }

    func testNestedSubstitutionsAreCommands() {
        let parse = ShellParser.parse(
            #"kubectl logs "$(kubectl get pods -l app=$(cat app.txt) -o name | head -1)" `date`"#)
        XCTAssertEqual(parse.commands.map(\.program), ["kubectl", "kubectl", "cat", "head", "date"])
        XCTAssertEqual(parse.commands.map(\.isSubstitution), [false, true, true, true, true])
        XCTAssertTrue(parse.problems.isEmpty)
    }

    func testArithmeticHasNoCommandsButItsVariablesCount() {
        let parse = ShellParser.parse("echo $(( COUNT + $OFFSET )); (( i++ ))")
        XCTAssertEqual(parse.commands.map(\.program), ["echo"])
        XCTAssertEqual(parse.variableUses.map(\.name), ["OFFSET"])
    }

    func testBashDashCStringIsReparsed() {
        let parse = ShellParser.parse("sudo bash -c 'systemctl restart nginx && rm -rf /tmp/x'")
        XCTAssertEqual(parse.commands.map(\.program), ["bash", "systemctl", "rm"])
        XCTAssertEqual(parse.commands.map(\.isSubstitution), [false, true, true])
        XCTAssertEqual(parse.commands[0].wrappers, ["sudo"])
    }

    func testShellStringInsideKubectlExecIsReparsed() {
        let parse = ShellParser.parse("kubectl exec -it redis-0 -- sh -c 'redis-cli FLUSHALL'")
        XCTAssertEqual(parse.commands.map(\.program), ["kubectl", "redis-cli"])
    }

    func testKeywordsAndCompoundCommands() {
        let script = """
            if [[ -f /etc/app && $MODE == prod ]]; then
              for pod in $(kubectl get pods -o name); do kubectl delete "$pod"; done
            elif true; then { echo a; }
            fi
            while read -r line; do echo "$line"; done < list.txt
            case "$ACTION" in
              start|begin) systemctl start app ;;
              (stop) systemctl stop app ;;
              *) echo usage
            esac
            restart() { systemctl restart app; }
            function status { systemctl status app; }
            """
        let parse = ShellParser.parse(script)
        XCTAssertEqual(
            parse.commands.map(\.program),
            [
                "[[", "kubectl", "kubectl", "true", "echo", "read", "echo", "systemctl", "systemctl", "echo",
                "systemctl", "systemctl",
            ]
        )
        XCTAssertEqual(parse.commands[0].argumentTexts, ["-f", "/etc/app", "&&", "$MODE", "==", "prod", "]]"])
        XCTAssertTrue(parse.assignedNames.isSuperset(of: ["pod", "line"]))
        XCTAssertEqual(parse.functionNames, ["restart", "status"])
        XCTAssertTrue(parse.problems.isEmpty, "\(parse.problems)")
    }

    func testWrappersAreStripped() {
        let cases: [(String, [String], String?, [String])] = [
            ("sudo -u postgres psql -c 'SELECT 1'", ["sudo"], "psql", ["-c", "SELECT 1"]),
            ("env -i FOO=1 BAR=2 /usr/bin/env", ["env"], "env", []),
            ("timeout -s KILL 30 nohup nice -n 10 tail -f x", ["timeout", "nohup", "nice"], "tail", ["-f", "x"]),
            ("xargs -n1 -I{} kubectl delete pod {}", ["xargs"], "kubectl", ["delete", "pod", "{}"]),
            ("sudo -i", [], "sudo", ["-i"]),
            ("command -v jq", [], "command", ["-v", "jq"]),
            ("time stdbuf -oL ionice -c3 du -sh /", ["time", "stdbuf", "ionice"], "du", ["-sh", "/"]),
        ]
        for (script, wrappers, program, arguments) in cases {
            let command = ShellParser.parse(script).commands[0]
            XCTAssertEqual(command.wrappers, wrappers, script)
            XCTAssertEqual(command.program, program, script)
            XCTAssertEqual(command.argumentTexts, arguments, script)
        }
    }

    func testAssignmentsAndAssignedNames() {
        let script = """
            NS=payments LOG_LEVEL=debug kubectl get pods
            TOKEN=$(cat /run/token)
            export REGION=eu-west-1 PROFILE
            declare -a ITEMS=(one "$TWO" three)
            local count=0
            read -r -p "Pod? " POD CONTAINER
            mapfile -t LINES < file
            getopts "ab:" opt
            printf -v STAMP '%s' now
            echo "${UNSET_VAR:=fallback}"
            """
        let parse = ShellParser.parse(script)
        XCTAssertEqual(parse.commands[0].assignments, ["NS", "LOG_LEVEL"])
        XCTAssertEqual(parse.commands[1].assignments, ["TOKEN"])
        XCTAssertNil(parse.commands[1].program)
        for name in [
            "NS", "LOG_LEVEL", "TOKEN", "REGION", "PROFILE", "ITEMS", "count", "POD", "CONTAINER", "LINES", "opt",
            "STAMP", "UNSET_VAR",
        ] {
            XCTAssertTrue(parse.assignedNames.contains(name), name)
        }
        XCTAssertFalse(parse.assignedNames.contains("Pod"))
        XCTAssertEqual(Set(parse.variableUses.map(\.name)), ["TWO", "UNSET_VAR"])
    }

    func testVariableUsesSkipSpecialParametersAndSingleQuotes() {
        let parse = ShellParser.parse(#"echo $1 $@ $? $$ $# $! $0 ${10} '$SKIP' "$A" ${B:-x} ${#C} ${D[@]} $E_F"#)
        XCTAssertEqual(parse.variableUses.map(\.name), ["A", "B", "C", "D", "E_F"])
        XCTAssertEqual(parse.variableUses[0].column, 42)
    }

    func testProblemsForUnterminatedConstructs() {
        XCTAssertEqual(ShellParser.parse("echo 'abc").problems.count, 1)
        XCTAssertEqual(ShellParser.parse("echo \"abc").problems.count, 1)
        XCTAssertEqual(ShellParser.parse("echo $(date").problems.count, 1)
        XCTAssertEqual(ShellParser.parse("echo ${X").problems.count, 1)
        XCTAssertEqual(ShellParser.parse("echo `date").problems.count, 1)
        XCTAssertEqual(ShellParser.parse("echo $((1 + 2)").problems.count, 1)
        XCTAssertEqual(ShellParser.parse("echo a )").problems.count, 1)
        XCTAssertEqual(ShellParser.parse("echo 'it''s' \"fine\" $(ok) `ok`").problems, [])
    }

    func testIndentedHeredocDelimiterIsReportedButClosesTheBody() {
        let parse = ShellParser.parse("cat <<EOF\nbody\n  EOF\necho next")
        XCTAssertEqual(parse.problems.count, 1)
        XCTAssertEqual(parse.commands.map(\.program), ["cat", "echo"])
    }

    func testProcessSubstitutionAndPlaceholderRedirections() {
        let parse = ShellParser.parse(
            "diff <(kubectl get cm a -o yaml) <(kubectl get cm b -o yaml)\nkubectl logs <pod-name> -n ns")
        XCTAssertEqual(parse.commands.map(\.program), ["diff", "kubectl", "kubectl", "kubectl"])
        // As bash reads it: `<pod-name` and `> -n` are redirections.
        XCTAssertEqual(parse.commands[3].argumentTexts, ["logs", "ns"])
    }

    func testNonAsciiColumnsCountScalars() {
        let parse = ShellParser.parse("echo \"héllo\" $NAME")
        XCTAssertEqual(parse.variableUses.first?.column, 14)
    }
}
