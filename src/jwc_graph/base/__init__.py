"""The shared base every layer stands on: errors with exit codes, the IRIs and prefixes, where a project's folders are."""
