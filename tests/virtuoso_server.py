"""Start a real Virtuoso server (Debian's virtuoso-opensource-7, unpacked by install_virtuoso.sh) for push tests.

Each server has its own temporary database folder and virtuoso.ini, and free loopback ports for HTTP and for
its SQL listener. As on a real Virtuoso, the anonymous /sparql endpoint may only read; a user with the
SPARQL_UPDATE role (USER, made here with Virtuoso's isql) may write through /sparql-graph-crud-auth and
/sparql-auth, logging in with HTTP Digest.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from oxigraph_server import free_port, stop, wait_until_it_answers

HOME = Path(sys.executable).parent.parent / "virtuoso"
INSTALLER = Path(__file__).with_name("install_virtuoso.sh")
SERVER = HOME / "usr" / "bin" / "virtuoso-t"
ISQL = HOME / "usr" / "bin" / "isql-vt"
USER, PASSWORD = "jwc-pusher", secrets.token_urlsafe(12)

INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
ServerThreads = 10
CheckpointInterval = 0
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = {dir}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
MaxClientConnections = 10
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


def unavailable() -> str | None:
    """Why Virtuoso cannot run here (installing it first if it is missing), or None when it can."""
    if not SERVER.exists():
        subprocess.run(["bash", str(INSTALLER), str(HOME)], check=False, timeout=600)
    if SERVER.exists() and not (HOME / "UNAVAILABLE").exists():
        return None
    reason = (HOME / "UNAVAILABLE").read_text().strip() if (HOME / "UNAVAILABLE").exists() else "no reason given"
    return f"Virtuoso could not be installed by {INSTALLER.name}: {reason}"


def library_path() -> str:
    """The folders of the shared libraries unpacked beside the server (Debian's libpcre3, ...)."""
    folders = sorted({str(p.parent) for base in (HOME / "lib", HOME / "usr" / "lib") for p in base.rglob("*.so*")})
    return os.pathsep.join(folders)


@contextlib.contextmanager
def virtuoso_server(folder: Path, wait: float = 60.0) -> Iterator[str]:
    """Run Virtuoso on a new database in `folder`; yields its base URL (SPARQL at /sparql), stops it at the end."""
    folder.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(dir=folder, sql_port=sql_port, http_port=http_port))
    env = {**os.environ, "LD_LIBRARY_PATH": library_path()}
    log = (folder / "stdout.log").open("wb")
    proc = subprocess.Popen(
        [str(SERVER), "+foreground", "+configfile", str(ini)], cwd=folder, env=env, stdout=log, stderr=log
    )
    base = f"http://127.0.0.1:{http_port}"
    try:
        logged = folder / "stdout.log"
        wait_until_it_answers(proc, f"{base}/sparql", "virtuoso", wait, lambda: logged.read_text()[-2000:])
        sql = f"DB.DBA.USER_CREATE('{USER}', '{PASSWORD}'); GRANT SPARQL_UPDATE TO \"{USER}\";"
        isql = [str(ISQL), f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={sql}"]
        made = subprocess.run(isql, env=env, capture_output=True, text=True, timeout=60)
        if made.returncode != 0 or "Error" in made.stdout + made.stderr:
            raise RuntimeError(f"isql could not make the user {USER}: {made.stdout}{made.stderr}")
        yield base
    finally:
        stop(proc, wait=30)
        log.close()
