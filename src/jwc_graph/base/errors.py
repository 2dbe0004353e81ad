"""The errors a user can act on, each with the exit code the CLI returns for it.

Exit codes follow pySHACL's convention, which stewards already know: 0 conforms, 1 does not
conform, 2 could not run (bad input, unreadable file, a tool that failed).
"""


class JwcError(Exception):
    """An error with a message for people and the exit code it ends the command with."""

    exit_code = 2

    def __init__(self, message: str, fix: str | None = None):
        super().__init__(message)
        self.message = message
        self.fix = fix

    def __str__(self) -> str:
        return self.message if not self.fix else f"{self.message}\n  fix: {self.fix}"


class InputError(JwcError):
    """A file could not be read or parsed: names the file, line and column where known."""

    exit_code = 2


class NotConforming(JwcError):
    """The data breaks a rule (a SHACL Violation, or an inconsistency the reasoner found)."""

    exit_code = 1
