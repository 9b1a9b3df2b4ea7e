import XCTest

@testable import ShellAnalysis

final class SecretScannerTests: XCTestCase {
    private func secrets(_ text: String) -> [String] {
        SecretScanner.find(in: text).map { String(text[$0.range]) }
    }

    private func kinds(_ text: String) -> [String] {
        SecretScanner.find(in: text).map(\.kind)
    }

    // Token-shaped fixtures are assembled at run time so the test source holds no literal credential.
    private let awsKey = "AKIA" + String(repeating: "Q7", count: 8)
    private let githubToken = "ghp_" + String(repeating: "aB3", count: 12)
    private let slackToken = "xoxb-" + "1234567890-abcdefghij"
    private let googleKey = "AIza" + String(repeating: "Sy9_", count: 9)
    private let jwt = "eyJhbGciOiJIUzI1NiJ9" + "." + "eyJzdWIiOiJvcHMifQ" + "." + "c2lnbmF0dXJlLWJ5dGVz"

    func testWellKnownTokenShapes() {
        XCTAssertEqual(kinds("export AWS_ACCESS_KEY_ID=\(awsKey)"), ["AWS access key ID"])
        XCTAssertEqual(secrets("curl -H 'x: \(githubToken)'"), [githubToken])
        XCTAssertEqual(kinds("SLACK=\(slackToken)").first, "Slack token")
        XCTAssertEqual(kinds("key \(googleKey)"), ["Google API key"])
        XCTAssertEqual(kinds("cookie: \(jwt)"), ["JSON web token"])
        XCTAssertEqual(
            kinds("https://hooks.slack.com/services/T0000/B0000/abcdefghijklmnopqrstuvwx"), ["Slack webhook URL"])
    }

    func testAwsSecretAndPrivateKeyBlock() {
        let secret = String(repeating: "wJalrXUtnFEMIK7MDENG", count: 2)
        let text = "aws_secret_access_key = \(secret)\n"
        XCTAssertEqual(secrets(text), [secret])
        XCTAssertEqual(kinds(text), ["AWS secret access key"])
        let body = String(repeating: "MIIEowIBAAKCAQEAx1y2", count: 4)
        let key = "-----BEGIN RSA PRIVATE KEY-----\n\(body)\n-----END RSA PRIVATE KEY-----"
        let found = SecretScanner.find(in: "cat > id_rsa <<EOF\n\(key)\nEOF")
        XCTAssertEqual(found.map(\.kind), ["private key"])
        XCTAssertEqual(found.first?.line, 1)
        XCTAssertEqual(SecretScanner.find(in: "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----"), [])
    }

    func testLiteralsOfPasswordLikeSettings() {
        XCTAssertEqual(secrets("mysql --password=Sup3rS3cret -e 'SELECT 1'"), ["Sup3rS3cret"])
        XCTAssertEqual(secrets("mysql -u root -p'Sup3rS3cret' db"), ["Sup3rS3cret"])
        XCTAssertEqual(secrets("export DB_PASSWORD=\"hunter22\""), ["hunter22"])
        XCTAssertEqual(secrets("curl 'https://api.example.test/?token=abcd1234efgh'"), ["abcd1234efgh"])
        XCTAssertEqual(
            secrets("curl -H \"Authorization: Bearer abcdef0123456789abcdef\" https://x"), ["abcdef0123456789abcdef"])
        XCTAssertEqual(secrets("stringData:\n  password: hunter22\n"), ["hunter22"])
        let found = SecretScanner.find(in: "echo ok\n  PASSWORD=hunter22")
        XCTAssertEqual(found.first?.line, 1)
        XCTAssertEqual(found.first?.column, 12)
    }

    func testReferencesPlaceholdersAndFillersAreNotSecrets() {
        let text = """
            mysql --password="$DB_PASSWORD"
            export TOKEN=$(cat /run/secrets/token)
            PASSWORD=<password>
            PASSWORD=...
            PASSWORD=***
            PASSWORD=xxx
            PASSWORD=
            API_TOKEN=YOUR_API_TOKEN
            token=your-token-here
            SECRET_NAME=db-credentials
            TOKEN_FILE=/var/run/token
            curl -H "Authorization: Bearer $TOKEN"
            curl -H "Authorization: Bearer ${API_TOKEN}"
            AKIAIOSFODNN7EXAMPLE
            --password-file=/etc/pw
            """
        XCTAssertEqual(SecretScanner.find(in: text).map(\.kind), [])
    }

    func testIsSecretName() {
        for name in ["GITHUB_TOKEN", "db_password", "AWS_SECRET_ACCESS_KEY", "API_KEY", "authHeader", "PASSWD"] {
            XCTAssertTrue(SecretScanner.isSecretName(name), name)
        }
        for name in ["NAMESPACE", "POD", "REGION"] {
            XCTAssertFalse(SecretScanner.isSecretName(name), name)
        }
    }

    func testRedact() {
        let output = "connected with hunter22 as admin; token \(githubToken)\nPASSWORD=opensesame"
        let redacted = SecretScanner.redact(output, values: ["hunter22", "abc", "admin"])
        XCTAssertEqual(redacted, "connected with [redacted] as [redacted]; token [redacted]\nPASSWORD=[redacted]")
    }
}
