import XCTest

@testable import ShellAnalysis

final class LanguageSnifferTests: XCTestCase {
    func testShellBlocksLookLikeShell() {
        let blocks = [
            "kubectl get pods -n payments\nkubectl describe pod api-0",
            "$ systemctl status nginx\n● nginx.service - A high performance web server",
            "# check disk\ndf -h\nsudo du -sh /var/log/*",
            "./scripts/rotate-keys.sh --env prod",
            "NS=payments\nkubectl -n $NS get deploy \\\n  -o wide",
            "for h in a b; do\n  ssh $h uptime\ndone",
        ]
        for block in blocks {
            XCTAssertTrue(LanguageSniffer.looksLikeShell(block), block)
        }
    }

    func testOtherContentDoesNotLookLikeShell() {
        let blocks = [
            "runbooks/\n├── payments/\n│   └── api-down.md\n└── README.md",
            "{\n  \"status\": \"firing\",\n  \"alerts\": []\n}",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api",
            "SELECT pid, state FROM pg_stat_activity\nWHERE state = 'active';",
            "Check the dashboard first. If the error rate is above 5%, page the owner.",
            "NAME      READY   STATUS    RESTARTS   AGE\napi-0     1/1     Running   0          3d",
            "",
        ]
        for block in blocks {
            XCTAssertFalse(LanguageSniffer.looksLikeShell(block), block)
        }
    }

    private func foreign(_ script: String) -> (language: String, line: Int)? {
        LanguageSniffer.foreignLanguage(in: ShellParser.parse(script), script: script)
    }

    func testForeignLanguagesInShellBlocks() {
        let cases: [(String, String, Int)] = [
            ("# settings\n[storage]\npath = \"/var/lib/app\"", "TOML", 1),
            ("[Service]\nRestart=always", "INI", 0),
            ("retention = \"30d\"", "TOML", 0),
            ("kubectl get pods\nSELECT * FROM jobs WHERE state = 'stuck';", "SQL", 1),
            ("delete from sessions where expired;", "SQL", 0),
            ("apiVersion: apps/v1\nkind: Deployment", "YAML", 0),
            ("- name: api\n  image: api:1.2", "YAML", 0),
            ("{\n  \"replicas\": 3\n}", "JSON", 1),
            ("{\"replicas\": 3}", "JSON", 0),
            ("server {\n  listen 80;\n}", "configuration", 0),
        ]
        for (script, language, line) in cases {
            let result = foreign(script)
            XCTAssertEqual(result?.language, language, script)
            XCTAssertEqual(result?.line, line, script)
        }
    }

    func testRealShellIsNotForeign() {
        let scripts = [
            "kubectl get pods -o yaml | grep image:",
            "psql -c \"SELECT 1\"\nmysql -e 'DELETE FROM t'",
            "cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: ConfigMap\nEOF",
            "if [ \"$A\" = b ]; then { echo a; }; fi",
            "restart() {\n  systemctl restart app\n}",
            "select opt in start stop; do echo $opt; done",
            "find . -name '*.log' -exec gzip {} \\;",
            "x=$(cat <<'SQL'\nSELECT 1;\nSQL\n)",
        ]
        for script in scripts {
            XCTAssertNil(foreign(script), script)
        }
    }
}
