// The RunbookCatalog module.
