/// docker, docker compose / docker-compose, helm.
extension CommandRule {
    static let containerRules: [CommandRule] =
        dockerRules + composeRules(program: "docker-compose", prefix: [])
        + composeRules(program: "docker", prefix: ["compose"]) + helmRules

    static let dockerRules: [CommandRule] = {
        let p = "docker"
        let readPaths: [[String]] = [
            ["ps"], ["logs"], ["inspect"], ["images"], ["version"], ["info"], ["top"], ["port"], ["history"], ["diff"],
            ["events"], ["stats"], ["search"], ["image", "ls"], ["image", "inspect"], ["image", "history"],
            ["container", "ls"], ["container", "inspect"], ["container", "logs"], ["container", "stats"],
            ["container", "top"], ["network", "ls"], ["network", "inspect"], ["volume", "ls"], ["volume", "inspect"],
            ["system", "df"], ["system", "info"], ["system", "events"], ["context", "ls"], ["node", "ls"],
            ["node", "inspect"], ["service", "ls"], ["service", "ps"], ["service", "logs"], ["service", "inspect"],
            ["stack", "ls"], ["stack", "ps"], ["buildx", "ls"],
        ]
        let changePaths: [[String]] = [
            ["restart"], ["stop"], ["start"], ["run"], ["pull"], ["push"], ["build"], ["tag"], ["create"], ["exec"],
            ["cp"], ["pause"], ["unpause"], ["update"], ["rename"], ["commit"], ["login"], ["logout"], ["load"],
            ["save"], ["import"], ["network"], ["volume"], ["image"], ["container"], ["service"], ["node"],
            ["swarm"], ["stack"], ["context"], ["system"], ["builder"], ["buildx"],
        ]
        let destroyPaths: [[String]] = [
            ["rm"], ["rmi"], ["kill"], ["system", "prune"], ["volume", "rm"], ["volume", "prune"], ["image", "prune"],
            ["image", "rm"], ["container", "prune"], ["container", "rm"], ["container", "kill"], ["network", "rm"],
            ["network", "prune"], ["builder", "prune"], ["service", "rm"], ["stack", "rm"], ["node", "rm"],
            ["swarm", "leave"],
        ]
        var rules = readPaths.map { reads(p, $0, "docker \($0.joined(separator: " ")) only reads") }
        rules += changePaths.map { changes(p, $0, "docker \($0.joined(separator: " ")) changes containers or images") }
        rules += destroyPaths.map {
            destroys(p, $0, "docker \($0.joined(separator: " ")) removes or kills containers or data")
        }
        rules += [
            endless(p, ["logs"], when: ["-f", "--follow"], "docker logs -f streams until interrupted"),
            endless(p, ["container", "logs"], when: ["-f", "--follow"], "docker logs -f streams until interrupted"),
            endless(
                p, ["service", "logs"], when: ["-f", "--follow"], "docker service logs -f streams until interrupted"),
            endless(
                p, ["stats"], unless: ["--no-stream"], "docker stats refreshes until interrupted (add --no-stream)"),
            endless(
                p, ["container", "stats"], unless: ["--no-stream"],
                "docker stats refreshes until interrupted (add --no-stream)"),
            endless(p, ["events"], unless: ["--until"], "docker events streams until interrupted (add --until)"),
            endless(
                p, ["system", "events"], unless: ["--until"], "docker events streams until interrupted (add --until)"),
            endless(p, ["attach"], "docker attach stays attached until interrupted"),
            changes(p, ["attach"], "docker attach connects to a running container"),
            prompts(p, ["exec"], when: ["-i", "--interactive"], "docker exec -i waits for terminal input"),
            prompts(p, ["run"], when: ["-i", "--interactive"], "docker run -i waits for terminal input"),
            prompts(p, ["attach"], unless: ["--no-stdin"], "docker attach forwards terminal input"),
            prompts(
                p, ["login"], unless: ["-p", "--password", "--password-stdin"], "docker login asks for a password"),
        ]
        for path in [
            ["system", "prune"], ["volume", "prune"], ["image", "prune"], ["container", "prune"], ["network", "prune"],
            ["builder", "prune"],
        ] {
            rules.append(
                prompts(
                    p, path, unless: ["-f", "--force"],
                    "docker \(path.joined(separator: " ")) asks for confirmation (add --force)"))
        }
        return rules
    }()

    /// Compose rules for `docker-compose X` and `docker compose X`.
    static func composeRules(program: String, prefix: [String]) -> [CommandRule] {
        let name = (CollectionOfOne(program) + prefix).joined(separator: " ")
        let readVerbs = ["ps", "logs", "config", "images", "top", "ls", "port", "version", "events"]
        let changeVerbs = [
            "up", "down", "restart", "stop", "start", "pull", "build", "exec", "run", "create", "pause", "unpause",
            "push", "scale", "cp",
        ]
        var rules = readVerbs.map { reads(program, prefix + [$0], "\(name) \($0) only reads") }
        rules += changeVerbs.map { changes(program, prefix + [$0], "\(name) \($0) changes containers") }
        rules += [
            destroys(program, prefix + ["down"], when: ["-v", "--volumes"], "\(name) down -v deletes volumes"),
            destroys(program, prefix + ["rm"], "\(name) rm removes containers"),
            destroys(program, prefix + ["kill"], "\(name) kill kills containers"),
            endless(program, prefix + ["logs"], when: ["-f", "--follow"], "\(name) logs -f streams until interrupted"),
            endless(program, prefix + ["events"], "\(name) events streams until interrupted"),
            endless(
                program, prefix + ["up"], unless: ["-d", "--detach", "--wait"],
                "\(name) up stays in the foreground (add -d)"),
            prompts(program, prefix + ["rm"], unless: ["-f", "--force"], "\(name) rm asks for confirmation (add -f)"),
        ]
        return rules
    }

    static let helmRules: [CommandRule] = {
        let readVerbs = [
            "list", "ls", "status", "get", "history", "template", "show", "inspect", "search", "version", "env", "lint",
            "verify",
        ]
        let changeVerbs = [
            "install", "upgrade", "rollback", "repo", "dependency", "package", "push", "pull", "plugin", "test",
            "registry",
        ]
        var rules = readVerbs.map { reads("helm", [$0], "helm \($0) only reads") }
        rules += changeVerbs.map { changes("helm", [$0], "helm \($0) changes releases or local state") }
        rules += ["uninstall", "delete", "del", "un"].map { destroys("helm", [$0], "helm \($0) removes a release") }
        rules += [
            reads("helm", ["repo", "list"], "helm repo list only reads"),
            reads("helm", ["dependency", "list"], "helm dependency list only reads"),
            reads("helm", ["plugin", "list"], "helm plugin list only reads"),
        ]
        return rules
    }()
}
