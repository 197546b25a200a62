"""Administration: accounts, the audit trail and the revisor's bundle, backup and restore."""
