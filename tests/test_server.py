"""The embedded database in its child process, durability across restarts, the CLI, /healthz."""

import asyncio
import json
import os
import signal
import subprocess
import sys

import pytest

from models.db import EmbeddedServer, make_client
from settings import ROOT


def run_loop(coroutine):
    return asyncio.run(coroutine)


async def count_after_restart(path: str, writes: int, stop) -> int:
    """Write, stop the embedded server with stop(server), start it again and count what is there."""
    server = EmbeddedServer(path)
    client = make_client(await server.start())
    for i in range(writes):
        await client.radar.things.insert_one({"_id": i})
    await stop(server)
    await client.close()
    again = EmbeddedServer(path)
    client = make_client(await again.start())
    count = await client.radar.things.count_documents({})
    await client.close()
    await again.stop()
    return count


async def clean_stop(server: EmbeddedServer) -> None:
    await server.stop()
    assert server.process.returncode == 0


async def kill_9(server: EmbeddedServer) -> None:
    os.kill(server.process.pid, signal.SIGKILL)
    await server.process.wait()


@pytest.mark.parametrize("stop", [clean_stop, kill_9])
def test_acknowledged_writes_survive_a_restart(tmp_path, stop):
    assert run_loop(count_after_restart(str(tmp_path / "radar.sqlite3"), 30, stop)) == 30


def test_child_stops_when_its_parent_dies(tmp_path):
    """The embedded server watches its stdin: a parent that dies takes it along."""
    code = ("import asyncio, sys; sys.path.insert(0, '.');"
            "from models.db import EmbeddedServer;"
            f"s = EmbeddedServer({str(tmp_path / 'db.sqlite3')!r});"
            "asyncio.run(s.start()); print(s.process.pid, flush=True); import os; os._exit(0)")
    parent = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    child = int(parent.stdout.split()[-1])
    for _ in range(100):
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        subprocess.run(["sleep", "0.1"])
    pytest.fail("the embedded database outlived its parent")


def test_create_admin_cli(tmp_path):
    env = {**os.environ, "DATA_DIR": str(tmp_path), "LOG_LEVEL": "ERROR"}
    env.pop("MONGO_URI", None)
    command = [sys.executable, "server.py", "create-admin", "--username", "boss", "--password", "secret1",
               "--company", "合众康桥"]
    first = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    made = json.loads(first.stdout.strip().splitlines()[-1])
    assert set(made) == {"user_id", "token", "company_id"} and made["company_id"] == 1 and len(made["token"]) == 32
    second = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert second.returncode == 1 and "用户名已存在" in second.stderr
    short = subprocess.run(command[:5] + ["--password", "x"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert short.returncode == 2


def test_seed_demo_cli(tmp_path):
    env = {**os.environ, "DATA_DIR": str(tmp_path), "LOG_LEVEL": "ERROR"}
    env.pop("MONGO_URI", None)
    command = [sys.executable, "server.py", "seed-demo"]
    first = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    *plain, last = first.stdout.strip().splitlines()
    made = json.loads(last)
    assert made["username"] == "demo" and len(made["password"]) >= 12
    assert made["password"] in plain[0]  # the one password, said plainly, then each account on a line
    assert [line.split()[0] for line in plain[1:4]] == ["demo", "demo2", "demo-boss"]
    again = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 1 and "demo" in again.stderr


async def _wait_until_answering(client, timeout: float = 20) -> int:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        try:
            return await client.radar.things.count_documents({})
        except Exception:
            assert asyncio.get_running_loop().time() < deadline, "the database did not come back"
            await asyncio.sleep(0.2)


def test_a_killed_database_is_restarted_on_its_port(tmp_path):
    async def scenario():
        server = EmbeddedServer(str(tmp_path / "radar.sqlite3"))
        client = make_client(await server.start())
        await client.radar.things.insert_many([{"_id": i} for i in range(5)])
        port, gave_up = server.port, []
        watcher = asyncio.create_task(server.watch(lambda: gave_up.append(True)))
        os.kill(server.process.pid, signal.SIGKILL)
        count = await _wait_until_answering(client)
        assert server.port == port and not gave_up
        await client.close()
        await server.stop()
        await watcher
        return count

    assert run_loop(scenario()) == 5


def test_a_database_that_keeps_dying_is_given_up(tmp_path):
    async def scenario():
        server = EmbeddedServer(str(tmp_path / "radar.sqlite3"))
        server.MAX_RESTARTS = 0
        await server.start()
        gave_up = asyncio.Event()
        watcher = asyncio.create_task(server.watch(gave_up.set))
        os.kill(server.process.pid, signal.SIGKILL)
        await asyncio.wait_for(gave_up.wait(), 10)
        await watcher
        await server.stop()

    run_loop(scenario())


def test_two_database_processes_never_share_a_file(tmp_path):
    async def scenario():
        first = EmbeddedServer(str(tmp_path / "radar.sqlite3"))
        await first.start()
        second = EmbeddedServer(str(tmp_path / "radar.sqlite3"), lock_wait_s=0.5)
        with pytest.raises(RuntimeError):
            await second.start()
        await first.stop()
        # Once the first has stopped, the file is free again (right away, even after a kill).
        third = EmbeddedServer(str(tmp_path / "radar.sqlite3"), lock_wait_s=5)
        await third.start()
        os.kill(third.process.pid, signal.SIGKILL)
        await third.process.wait()
        fourth = EmbeddedServer(str(tmp_path / "radar.sqlite3"), lock_wait_s=5)
        await fourth.start()
        await fourth.stop()

    run_loop(scenario())
