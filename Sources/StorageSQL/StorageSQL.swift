// The StorageSQL module: store and search protocols on SQLite (and later PostgreSQL).
