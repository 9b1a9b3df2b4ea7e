/// aws, gcloud, az, and git.
extension CommandRule {
    static let cloudRules: [CommandRule] = [
        changes("aws", "aws changes cloud resources"),
        reads("aws", ["*", "describe-*"], "aws describe-* only reads"),
        reads("aws", ["*", "list-*"], "aws list-* only reads"),
        reads("aws", ["*", "get-*"], "aws get-* only reads"),
        reads("aws", ["*", "filter-*"], "aws filter-* only reads"),
        reads("aws", ["*", "search-*"], "aws search-* only reads"),
        reads("aws", ["*", "lookup-*"], "aws lookup-* only reads"),
        reads("aws", ["*", "wait"], "aws wait only polls"),
        reads("aws", ["*", "scan"], "aws scan only reads"),
        reads("aws", ["*", "query"], "aws query only reads"),
        reads("aws", ["s3", "ls"], "aws s3 ls only reads"),
        reads("aws", ["logs", "tail"], "aws logs tail only reads"),
        reads("aws", ["configure", "list"], "aws configure list only reads"),
        reads("aws", ["configure", "get"], "aws configure get only reads"),
        destroys("aws", ["*", "delete-*"], "aws delete-* deletes cloud resources"),
        destroys("aws", ["*", "purge-*"], "aws purge-* deletes data"),
        destroys("aws", ["*", "deregister-*"], "aws deregister-* removes registrations"),
        destroys("aws", ["ec2", "terminate-instances"], "aws ec2 terminate-instances destroys instances"),
        destroys("aws", ["s3", "rm"], "aws s3 rm deletes objects"),
        destroys("aws", ["s3", "rb"], "aws s3 rb deletes a bucket"),
        destroys("aws", ["s3", "sync"], when: ["--delete"], "aws s3 sync --delete deletes objects"),
        endless("aws", ["logs", "tail"], when: ["--follow"], "aws logs tail --follow streams until interrupted"),
        prompts("aws", ["ssm", "start-session"], "aws ssm start-session opens an interactive session"),
        changes("gcloud", "gcloud changes cloud resources"),
        reads(
            "gcloud", when: ["list", "describe", "get-iam-policy", "read", "info", "version"],
            "gcloud list/describe only reads"),
        reads("gcloud", ["config", "list"], "gcloud config list only reads"),
        reads("gcloud", ["auth", "list"], "gcloud auth list only reads"),
        destroys("gcloud", when: ["delete"], "gcloud … delete deletes cloud resources"),
        prompts(
            "gcloud", when: ["delete"], unless: ["-q", "--quiet"], "gcloud … delete asks for confirmation (add --quiet)"
        ),
        prompts("gcloud", when: ["ssh"], unless: ["--command"], "gcloud compute ssh opens an interactive shell"),
        endless("gcloud", when: ["tail"], "gcloud … tail streams until interrupted"),
        changes("az", "az changes cloud resources"),
        reads("az", when: ["list", "show", "version"], "az list/show only reads"),
        destroys("az", when: ["delete", "purge"], "az … delete deletes cloud resources"),
        prompts("az", when: ["delete"], unless: ["-y", "--yes"], "az … delete asks for confirmation (add --yes)"),
        prompts("az", ["ssh"], "az ssh opens an interactive shell"),
    ]

    static let gitRules: [CommandRule] = {
        let readVerbs = [
            "status", "log", "diff", "show", "blame", "rev-parse", "describe", "ls-files", "ls-remote", "grep",
            "shortlog", "reflog", "rev-list", "cat-file", "show-ref", "whatchanged", "version", "help",
        ]
        let changeVerbs = [
            "add", "commit", "push", "pull", "merge", "rebase", "checkout", "switch", "restore", "reset", "revert",
            "cherry-pick", "stash", "tag", "branch", "clone", "init", "mv", "rm", "fetch", "am", "apply", "config",
            "remote", "submodule", "worktree", "gc", "prune",
        ]
        var rules = readVerbs.map { reads("git", [$0], "git \($0) only reads") }
        rules += changeVerbs.map { changes("git", [$0], "git \($0) changes the repository") }
        rules += [
            reads(
                "git", ["branch"], when: ["-l", "--list", "-a", "-r", "--show-current", "-v", "-vv"],
                "git branch --list only reads"),
            reads("git", ["tag"], when: ["-l", "--list"], "git tag --list only reads"),
            reads("git", ["remote"], when: ["-v"], "git remote -v only reads"),
            reads("git", ["stash", "list"], "git stash list only reads"),
            reads("git", ["config"], when: ["--get", "--list", "-l", "--get-all"], "git config --get only reads"),
            destroys(
                "git", ["push"],
                when: ["-f", "--force", "--force-with-lease", "--delete", "-d", "--mirror", "--prune"],
                "git push --force rewrites or deletes remote history"),
            destroys("git", ["reset"], when: ["--hard"], "git reset --hard discards local changes"),
            destroys("git", ["clean"], when: ["-f", "--force"], "git clean -f deletes untracked files"),
            reads("git", ["clean"], when: ["-n", "--dry-run"], "git clean -n only lists"),
            destroys("git", ["branch"], when: ["-D"], "git branch -D deletes an unmerged branch"),
            destroys("git", ["stash", "drop"], "git stash drop discards a stash"),
            destroys("git", ["stash", "clear"], "git stash clear discards all stashes"),
            prompts(
                "git", ["commit"], unless: ["-m", "--message", "-F", "--file", "-C", "--reuse-message", "--no-edit"],
                "git commit without -m opens an editor"),
            prompts("git", ["rebase"], when: ["-i", "--interactive"], "git rebase -i opens an editor"),
            prompts(
                "git", ["add"], when: ["-p", "--patch", "-i", "--interactive"], "git add -p asks about each change"),
        ]
        return rules
    }()
}
