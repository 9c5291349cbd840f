"""The outside world's files: packs, the progress store, the cache, drafts and the editor."""
