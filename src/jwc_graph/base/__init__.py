"""The shared base every layer stands on: errors with exit codes, the IRIs and prefixes, a project's folders."""
