// The RunbookParser module.
