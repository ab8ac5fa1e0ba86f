"""Servers the end-to-end tests start: xapian-tcpsrv on a free port, and the helpers to find a
free port, wait until something listens there, and stop a process group."""
import os
import shutil
import signal
import socket
import subprocess
import time

TCPSRV = shutil.which("xapian-tcpsrv")


class Server:
    """One xapian-tcpsrv on 127.0.0.1, on a free port found at run time. It forks a child per
    connection, so it runs in its own process group and is stopped as a group."""

    def __init__(self, database):
        self.database = database
        self.proc = None
        self.port = None
        for _ in range(10):
            port = free_port()
            proc = subprocess.Popen([TCPSRV, "--port", str(port), "--interface", "127.0.0.1",
                                     database], stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, start_new_session=True)
            if wait_listening(port, proc):
                self.proc, self.port = proc, port
                return
            stop_group(proc)  # the port was taken between our probe and its bind: try another
        raise RuntimeError(f"xapian-tcpsrv would not start for {database}")

    @property
    def name(self):
        return f"tcp://127.0.0.1:{self.port}"

    def stop(self):
        if self.proc is not None:
            stop_group(self.proc)
            self.proc = None


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port, proc, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                pass
            # Connected: but was it this server? A collision makes ours exit at once.
            time.sleep(0.1)
            return proc.poll() is None
        except OSError:
            time.sleep(0.05)
    return False


def stop_group(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
    if proc.stderr:
        proc.stderr.close()
