/// kubectl and oc.
extension CommandRule {
    static let kubernetesRules: [CommandRule] = ["kubectl", "oc"].flatMap(kubernetes) + openShiftRules

    static func kubernetes(_ p: String) -> [CommandRule] {
        let readVerbs = [
            "get", "describe", "logs", "top", "explain", "version", "api-resources", "api-versions", "events",
            "cluster-info", "diff", "wait", "kustomize", "completion", "options", "help", "plugin",
        ]
        let changeVerbs = [
            "apply", "create", "patch", "edit", "label", "annotate", "scale", "set", "autoscale", "expose", "replace",
            "run", "debug", "exec", "cp", "port-forward", "cordon", "uncordon", "taint", "attach", "proxy",
            "certificate", "config", "rollout",
        ]
        var rules = readVerbs.map { reads(p, [$0], "\(p) \($0) only reads") }
        rules += changeVerbs.map { changes(p, [$0], "\(p) \($0) changes the cluster") }
        rules += [
            reads(p, ["auth", "can-i"], "\(p) auth can-i only reads"),
            reads(p, ["auth", "whoami"], "\(p) auth whoami only reads"),
            reads(p, ["config", "view"], "\(p) config view only reads"),
            reads(p, ["config", "get-contexts"], "\(p) config get-contexts only reads"),
            reads(p, ["config", "current-context"], "\(p) config current-context only reads"),
            reads(p, ["config", "get-clusters"], "\(p) config get-clusters only reads"),
            reads(p, ["rollout", "status"], "\(p) rollout status only reads"),
            reads(p, ["rollout", "history"], "\(p) rollout history only reads"),
            changes(p, ["rollout", "restart"], "\(p) rollout restart restarts pods"),
            changes(p, ["rollout", "undo"], "\(p) rollout undo rolls back a workload"),
            destroys(p, ["delete"], "\(p) delete removes resources"),
            destroys(p, ["drain"], "\(p) drain evicts every pod from a node"),
            destroys(p, ["scale"], when: ["--replicas=0", "--replicas 0"], "\(p) scale --replicas=0 stops a workload"),
            destroys(p, ["replace"], when: ["--force"], "\(p) replace --force deletes and recreates resources"),
            endless(p, ["logs"], when: ["-f", "--follow"], "\(p) logs -f streams until interrupted"),
            endless(p, ["get"], when: ["-w", "--watch", "--watch-only"], "\(p) get --watch runs until interrupted"),
            endless(p, ["events"], when: ["-w", "--watch"], "\(p) events --watch runs until interrupted"),
            endless(p, ["port-forward"], "\(p) port-forward runs until interrupted"),
            endless(p, ["proxy"], "\(p) proxy runs until interrupted"),
            endless(p, ["attach"], "\(p) attach stays attached until interrupted"),
            prompts(p, ["exec"], when: ["-i", "--stdin", "--stdin=true"], "\(p) exec -i waits for terminal input"),
            prompts(p, ["run"], when: ["-i", "--stdin", "--stdin=true"], "\(p) run -i waits for terminal input"),
            prompts(p, ["debug"], when: ["-i", "--stdin", "--stdin=true"], "\(p) debug -i waits for terminal input"),
            prompts(p, ["attach"], when: ["-i", "--stdin", "--stdin=true"], "\(p) attach -i waits for terminal input"),
            prompts(p, ["edit"], "\(p) edit opens an editor"),
        ]
        return rules
    }

    static let openShiftRules: [CommandRule] = [
        reads("oc", ["project"], "oc project shows or switches the project"),
        reads("oc", ["projects"], "oc projects only reads"),
        reads("oc", ["status"], "oc status only reads"),
        reads("oc", ["whoami"], "oc whoami only reads"),
        reads("oc", ["sa", "get-token"], "oc sa get-token only reads"),
        changes("oc", ["sa", "new-token"], "oc sa new-token creates a token"),
        reads("oc", ["adm", "top"], "oc adm top only reads"),
        reads("oc", ["adm", "node-logs"], "oc adm node-logs only reads"),
        reads("oc", ["adm", "inspect"], "oc adm inspect only reads"),
        reads("oc", ["adm", "must-gather"], "oc adm must-gather collects diagnostics"),
        changes("oc", ["adm"], "oc adm changes cluster administration state"),
        changes("oc", ["login"], "oc login changes the local session"),
        changes("oc", ["new-project"], "oc new-project creates a project"),
        changes("oc", ["new-app"], "oc new-app creates resources"),
        changes("oc", ["start-build"], "oc start-build starts a build"),
        changes("oc", ["rsh"], "oc rsh opens a shell in a pod"),
        changes("oc", ["rsync"], "oc rsync copies files into pods"),
        destroys("oc", ["adm", "drain"], "oc adm drain evicts every pod from a node"),
        destroys(
            "oc", ["adm", "prune"], when: ["--confirm", "--confirm=true"], "oc adm prune --confirm deletes resources"),
        destroys("oc", ["delete-project"], "oc delete-project removes a project"),
        prompts("oc", ["rsh"], "oc rsh opens an interactive shell"),
        prompts("oc", ["debug"], unless: ["--"], "oc debug opens an interactive shell"),
    ]
}
