// The RunbookLint module.
