// The ShellAnalysis module.
