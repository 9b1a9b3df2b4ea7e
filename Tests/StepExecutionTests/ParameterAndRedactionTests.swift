import Foundation
import StepExecution
import XCTest

final class ParameterAndRedactionTests: XCTestCase {
    func testLabelNamesAreUpperCasedIdentifiers() {
        XCTAssertEqual(ParameterResolver.variableName(forLabel: "namespace"), "NAMESPACE")
        XCTAssertEqual(ParameterResolver.variableName(forLabel: "k8s.pod-name"), "K8S_POD_NAME")
        XCTAssertEqual(ParameterResolver.variableName(forLabel: "1st"), "_1ST")
    }

    func testPrecedenceParamOverEnvFileOverLabelOverEnvironment() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("params-\(UUID().uuidString).env")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try "# values\nexport A=file\nB='file b'\nC=$(touch PWNED)\n".write(
            to: scratch, atomically: true, encoding: .utf8)
        var resolver = ParameterResolver(environment: ["A": "env", "D": "env"])
        resolver.addLabels(["a": "label", "d": "label"])
        try resolver.addEnvFile(scratch.path)
        try resolver.addAssignments(["B=param"], source: "--param")
        XCTAssertEqual(resolver.value(of: "A"), "file")
        XCTAssertEqual(resolver.value(of: "B"), "param")
        XCTAssertEqual(resolver.value(of: "C"), "$(touch PWNED)", "env files are read, never evaluated")
        XCTAssertEqual(resolver.value(of: "D"), "label")
    }

    func testBadInputSaysWhereAndHow() {
        var resolver = ParameterResolver(environment: [:])
        XCTAssertThrowsError(try resolver.addAssignments(["NOEQUALS"], source: "--param")) { error in
            XCTAssertTrue("\(error)".contains("KEY=VALUE"), "\(error)")
        }
        XCTAssertThrowsError(try resolver.addAssignments(["1BAD=x"], source: "--param")) { error in
            XCTAssertTrue("\(error)".contains("not a variable name"), "\(error)")
        }
        XCTAssertThrowsError(try resolver.addEnvFile("/nonexistent/file.env")) { error in
            XCTAssertTrue("\(error)".contains("/nonexistent/file.env"), "\(error)")
        }
    }

    func testSecretValuesComeFromSecretNamesInEverySource() throws {
        var resolver = ParameterResolver(environment: ["GITHUB_TOKEN": "tok-123456", "HOME": "/root"])
        try resolver.addAssignments(["DB_PASSWORD=hunter2hunter", "POD=api-1"], source: "--param")
        XCTAssertEqual(Set(resolver.secretValues), ["tok-123456", "hunter2hunter"])
    }

    func testRedactorRemovesValuesWholeAndInsideLongerText() {
        let redactor = Redactor(secretValues: ["s3cr3t-value"])
        XCTAssertEqual(redactor.redact("token is s3cr3t-value"), "token is [redacted]")
        XCTAssertEqual(redactor.redact("xxs3cr3t-valueyy and more"), "xx[redacted]yy and more")
        XCTAssertFalse(redactor.redact("key AKIAIOSFODNN7ABCDEFG here").contains("AKIAIOSFODNN7ABCDEFG"))
        XCTAssertFalse(
            redactor.redact("Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345").contains(
                "abcdefghijklmnopqrstuvwxyz012345"))
        XCTAssertEqual(
            redactor.redact(parameters: ["API_KEY": "short", "POD": "api-1"]),
            ["API_KEY": "[redacted]", "POD": "api-1"])
    }
}
