/// Files, processes and packages.
extension CommandRule {
    static let fileRules: [CommandRule] =
        [
            destroys("rm", "rm deletes files"),
            prompts("rm", when: ["-i", "--interactive"], "rm -i asks about each file"),
            destroys("unlink", "unlink deletes a file"),
            destroys("shred", "shred destroys file contents"),
            destroys("truncate", "truncate cuts file contents"),
            destroys("dd", "dd overwrites its output"),
            destroys("mkfs", "mkfs formats a device"),
            destroys("mkfs.*", "mkfs formats a device"),
            destroys("mkswap", "mkswap formats a device"),
            destroys("wipefs", "wipefs erases filesystem signatures"),
            destroys("fdisk", "fdisk rewrites partition tables"),
            reads("fdisk", when: ["-l", "--list"], "fdisk -l only lists"),
            destroys("parted", "parted rewrites partition tables"),
            changes("rmdir", "rmdir removes directories"),
            changes("cp", "cp writes files"),
            changes("mv", "mv moves files"),
            changes("mkdir", "mkdir creates directories"),
            changes("touch", "touch creates or updates files"),
            changes("chmod", "chmod changes permissions"),
            changes("chown", "chown changes ownership"),
            changes("chgrp", "chgrp changes ownership"),
            changes("ln", "ln creates links"),
            changes("tee", "tee writes files"),
            changes("install", "install writes files"),
            changes("rsync", "rsync writes files"),
            destroys(
                "rsync",
                when: ["--delete", "--delete-after", "--delete-before", "--delete-during", "--remove-source-files"],
                "rsync --delete deletes files"),
            changes("scp", "scp writes files"),
            changes("tar", "tar writes files"),
            reads("tar", when: ["-t", "--list"], "tar -t only lists"),
            changes("unzip", "unzip writes files"),
            changes("zip", "zip writes files"),
            changes("gzip", "gzip replaces files"),
            changes("gunzip", "gunzip replaces files"),
            changes("logrotate", "logrotate rotates files"),
            changes("mount", "mount changes mounts"),
            reads("mount", unless: ["*"], "mount without arguments only lists"),
            changes("umount", "umount changes mounts"),
            changes("swapoff", "swapoff changes swap"),
            changes("swapon", "swapon changes swap"),
            reads("swapon", when: ["--show", "-s", "--summary"], "swapon --show only reads"),
            destroys("fsck", "fsck may rewrite a filesystem"),
            reads("fsck", when: ["-n"], "fsck -n only checks"),
            prompts("fsck", unless: ["-y", "-n", "-p", "-a"], "fsck asks before each repair"),
            reads("sed", "sed only reads (without -i)"),
            changes("sed", when: ["-i", "-i*", "--in-place*"], "sed -i edits files in place"),
            changes("perl", when: ["-i", "-i*", "-pi", "-pie"], "perl -i edits files in place"),
            reads("awk", "awk only reads"),
            changes("awk", when: ["-i inplace"], "awk -i inplace edits files"),
            reads("gawk", "gawk only reads"),
            changes("gawk", when: ["-i inplace"], "gawk -i inplace edits files"),
            reads("find", "find only reads (without -delete or -exec)"),
            destroys("find", when: ["-delete"], "find -delete deletes files"),
            changes(
                "sysctl", when: ["-w", "--write", "-p", "--load", "--system"], "sysctl -w changes kernel settings"),
            reads("sysctl", "sysctl only reads"),
            changes("apt", "apt changes packages"),
            changes("apt-get", "apt-get changes packages"),
            changes("yum", "yum changes packages"),
            changes("dnf", "dnf changes packages"),
            changes("pip", "pip changes packages"),
            changes("pip3", "pip changes packages"),
            reads("apt", ["list"], "apt list only reads"),
            reads("apt", ["show"], "apt show only reads"),
            reads("apt", ["search"], "apt search only reads"),
            reads("apt-cache", "apt-cache only reads"),
            reads("dpkg", when: ["-l", "-L", "-s", "--list", "--status", "-S"], "dpkg -l only reads"),
            reads("rpm", when: ["-q", "-qa", "-qi", "-ql", "-qf"], "rpm -q only reads"),
            reads("pip", ["list"], "pip list only reads"),
            reads("pip", ["show"], "pip show only reads"),
        ]
        + ["apt", "apt-get", "yum", "dnf"].flatMap { manager in
            ["install", "remove", "purge", "upgrade", "dist-upgrade", "autoremove", "update"].filter {
                manager != "apt-get" || $0 != "update"
            }.map {
                prompts(
                    manager, [$0], unless: ["-y", "--yes", "--assume-yes", "-qq"],
                    "\(manager) \($0) asks for confirmation (add -y)")
            }
        }

    static let processRules: [CommandRule] =
        ["kill", "pkill", "killall"].flatMap { program in
            [
                changes(program, "\(program) signals processes"),
                destroys(program, when: killSignals, "\(program) -9 kills processes without letting them shut down"),
                reads(program, when: ["-l", "-L", "--list", "-0"], "\(program) -l only lists signals"),
            ]
        } + [
            reads("pgrep", "pgrep only reads"),
            changes("renice", "renice changes priorities"),
            changes("systemd-run", "systemd-run starts a unit"),
            changes("crontab", "crontab changes schedules"),
            reads("crontab", when: ["-l"], "crontab -l only reads"),
            destroys("crontab", when: ["-r"], "crontab -r deletes the whole crontab"),
            prompts("crontab", when: ["-e"], "crontab -e opens an editor"),
            changes("iptables", "iptables changes firewall rules"),
            reads("iptables", when: ["-L", "--list", "-S", "--list-rules", "-C", "--check"], "iptables -L only reads"),
            destroys("iptables", when: ["-F", "--flush"], "iptables -F removes all rules"),
            reads("iptables-save", "iptables-save only reads"),
            changes("ufw", "ufw changes firewall rules"),
            reads("ufw", ["status"], "ufw status only reads"),
            changes("nft", "nft changes firewall rules"),
            reads("nft", ["list"], "nft list only reads"),
            reads("ulimit", "ulimit only reads (in a subshell)"),
        ]
}
