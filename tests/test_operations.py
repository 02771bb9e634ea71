"""Running one box, with real processes: `server.py serve` on the embedded SQLite database and the other
commands beside it (its published address), a shutdown that lets a write in flight finish, backup and
restore, export and import through the CLI, and the demo customer walking through the live server."""

import asyncio
import base64
import json
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

import pytest

from models import running
from settings import ROOT, Settings
from tests.helpers import open_socket, png_bytes, public_params

Q = "/zhugeleida/qiyeweixin"


def call(server, method: str, path: str, who: dict | None = None, params: dict | None = None,
         form: dict | None = None) -> dict:
    query = {**(public_params(who) if who else {}), **(params or {})}
    body = urllib.parse.urlencode(form, doseq=True).encode() if form is not None else (b"" if method == "POST" else None)
    request = urllib.request.Request(f"{server.base_url}{path}?{urllib.parse.urlencode(query)}", data=body,
                                     method=method)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def ok(server, method: str, path: str, who: dict | None = None, **kwargs) -> dict:
    answer = call(server, method, path, who, **kwargs)
    assert answer["code"] == 200, answer
    return answer["data"]


def last_json(completed) -> dict:
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


def one_line(completed) -> str:
    """A command that failed as it should: status 1 and a single line that says why."""
    assert completed.returncode == 1, (completed.stdout, completed.stderr)
    lines = [line for line in completed.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in completed.stderr, completed.stderr
    return lines[0]


def company(server) -> dict:
    """The platform super-admin (made with the CLI beside the server) and a radar user of company 1."""
    made = last_json(server.cli("create-admin", "--username", "root", "--password", "rootpass", "--company", "合众康桥"))
    admin = {"id": made["user_id"], "token": made["token"], "company_id": made["company_id"]}
    ok(server, "POST", f"{Q}/user/add/0", admin, form={"username": "zhangcong", "password": "secret1", "role_id": 2})
    data = ok(server, "POST", "/zhugeleida/login", form={"username": "zhangcong", "password": "secret1"})
    return {"admin": admin, "seller": {"id": data["user_id"], "token": data["token"], "company_id": 1}}


def test_commands_use_the_running_servers_database(radar_process):
    server = radar_process().start()
    path = running.address_file(Settings(data_dir=str(server.data_dir)))
    published = json.loads(path.read_text())
    assert published["pid"] == server.process.pid and published["http"] == server.base_url
    assert published["db"].startswith("mongodb://127.0.0.1:")
    assert path.stat().st_mode & 0o777 == 0o600
    started = time.monotonic()
    people = company(server)  # create-admin beside the server, then the server answers with that admin
    assert time.monotonic() - started < 15  # no waiting for the database file's lock
    assert ok(server, "GET", f"{Q}/user", people["admin"])["data_count"] == 2
    assert server.stop() == 0
    assert not path.exists()  # withdrawn on a clean stop


def test_a_dead_servers_address_is_told_apart(radar_process):
    server = radar_process().start()
    path = running.address_file(Settings(data_dir=str(server.data_dir)))
    server.stop(signal.SIGKILL)  # its database process goes with it; the address file stays
    assert path.exists()
    cfg = Settings(data_dir=str(server.data_dir))
    deadline = time.monotonic() + 10
    while running.database_in_use(cfg):
        assert time.monotonic() < deadline, "the database process outlived the server"
        time.sleep(0.1)
    made = server.cli("create-admin", "--username", "root", "--password", "rootpass")
    assert made.returncode == 0 and "no longer running" in made.stderr, made.stderr
    assert not path.exists()


def test_a_database_held_by_another_process_is_one_line_at_once(radar_process):
    """Another process holds the database file and published no address: no 15 s wait, no traceback."""
    server = radar_process()
    server.data_dir.mkdir()
    holder = subprocess.Popen([sys.executable, "-m", "models.embedded", "--path", str(server.data_dir / "radar.sqlite3")],
                              cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert json.loads(holder.stdout.readline())["uri"]
        started = time.monotonic()
        assert "is in use by another process" in one_line(server.cli("seed-demo"))
        assert "is in use by another process" in one_line(server.cli("serve"))
        assert time.monotonic() - started < 10
    finally:
        holder.stdin.close()
        holder.wait(10)


def test_an_unreachable_mongodb_is_one_line(radar_process):
    nowhere = radar_process("nowhere", MONGO_URI="mongodb://127.0.0.1:9/?directConnection=true")
    started = time.monotonic()
    assert "cannot reach MongoDB (ServerSelectionTimeoutError)" in one_line(nowhere.cli("rebuild-stats"))
    assert time.monotonic() - started < 15


def test_sigterm_lets_a_write_in_flight_finish(radar_process):
    server = radar_process().start()
    people = company(server)
    admin, seller = people["admin"], people["seller"]
    body = urllib.parse.urlencode({"name": "停机时的角色"}).encode()

    async def scenario() -> bytes:
        radar = await open_socket(server.base_url, "/zhugeleida/public/websocket/leida", seller)
        assert (await radar.frame())["code"] == 200
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        head = (f"POST {Q}/role/add/0?{urllib.parse.urlencode(public_params(admin))} HTTP/1.1\r\nHost: radar\r\n"
                f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n\r\n")
        writer.write(head.encode() + body[:4])  # the request is in flight: its body is still arriving
        await writer.drain()
        await asyncio.sleep(0.3)
        server.process.send_signal(signal.SIGTERM)
        assert await radar.closed(10) == 1001  # the socket first, so that its client reconnects elsewhere
        with pytest.raises(OSError):
            await asyncio.open_connection("127.0.0.1", server.port)  # no new connections
        writer.write(body[4:])
        await writer.drain()
        return await asyncio.wait_for(reader.read(), 10)  # the answer, then the server closes

    response = asyncio.run(scenario())
    head, _, payload = response.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200") and b"\r\nConnection: close" in head
    assert json.loads(payload)["code"] == 200
    assert server.process.wait(15) == 0
    again = radar_process().start()  # the same DATA_DIR
    roles = ok(again, "GET", f"{Q}/role", admin)["ret_data"]
    assert "停机时的角色" in [role["name"] for role in roles]
    assert again.stop() == 0


def test_demo_customer_shows_a_visit_live_on_the_radar(radar_process):
    assert "no radar server is running" in one_line(radar_process("idle").cli("demo-customer", "--user", "zhangcong"))
    server = radar_process().start()
    seller = company(server)["seller"]
    ok(server, "POST", f"{Q}/product/add/0", seller, form={"name": "门票", "price": "128"})
    ok(server, "POST", f"{Q}/article/add/0", seller, form={"title": "品牌故事", "content": "正文"})

    async def scenario() -> tuple[str, list[dict]]:
        radar = await open_socket(server.base_url, "/zhugeleida/public/websocket/leida", seller)
        assert (await radar.frame())["code"] == 200
        visit = await asyncio.create_subprocess_exec(
            sys.executable, "server.py", "demo-customer", "--user", "zhangcong", "--message", "门票还有吗", "--pause",
            "0", cwd=ROOT, env=server.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out, err = await visit.communicate()
        assert visit.returncode == 0, err.decode()
        frames = []
        try:
            while True:
                frames.append(await radar.frame(1.0))
        except TimeoutError:
            pass
        radar.close()
        return out.decode(), frames

    out, frames = asyncio.run(scenario())
    assert "looked at the product 门票" in out and "read the article 品牌故事" in out
    assert "4. sent the message: 门票还有吗" in out
    assert [f["data"]["ret_data"][0]["action_code"] for f in frames if f.get("type") == "action_log"] == [1, 2, 14]
    chats = [f["data"]["ret_data"][0] for f in frames if f.get("type") == "chat"]
    assert len(chats) == 1 and "门票还有吗" in json.dumps(chats[0], ensure_ascii=False)
    again = server.cli("demo-customer", "--user", "zhangcong", "--pause", "0")
    assert again.returncode == 0, again.stderr
    assert ok(server, "GET", f"{Q}/tongxunlu", seller)["data_count"] == 1  # the same demo customer came back
    assert "no business card" in one_line(server.cli("demo-customer", "--user", "root"))


def upload_photo(server, seller) -> str:
    data = base64.b64encode(png_bytes()).decode()
    form = {"img_name": "p", "timestamp": "p", "img_source": "user_photo"}
    ok(server, "POST", "/zhugeleida/public/img_upload", seller, form={**form, "chunk": 0, "img_data": data})
    return ok(server, "POST", "/zhugeleida/public/img_merge", seller, form={**form, "chunk_num": 1})["ret_data"][
        "picture_url"]


def test_backup_while_serving_and_restore(radar_process, tmp_path):
    server = radar_process("a").start()
    people = company(server)
    admin, seller = people["admin"], people["seller"]
    photo = upload_photo(server, seller)
    archive = tmp_path / "radar.tar.gz"
    written, failed, done = [], [], threading.Event()

    def keep_writing():  # the server goes on taking writes while the backup runs, as fast as one account may
        try:
            while not done.wait(1 / 20):  # SIGNED_REQUESTS_PER_S
                ok(server, "POST", f"{Q}/role/add/0", admin, form={"name": f"角色{len(written)}"})
                written.append(f"角色{len(written)}")
        except Exception as error:
            failed.append(error)

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        while len(written) < 3:
            time.sleep(0.05)
        made = server.cli("backup", "--to", str(archive))
    finally:
        done.set()
        writer.join()
    assert failed == []
    assert made.returncode == 0 and made.stdout.startswith(f"backup: wrote {archive}"), made.stderr
    assert "exists" in one_line(server.cli("backup", "--to", str(archive)))
    assert server.stop() == 0

    restored = radar_process("b")
    assert restored.cli("restore", "--from", str(archive)).returncode == 0  # a DATA_DIR that does not exist yet
    assert "is not empty" in one_line(restored.cli("restore", "--from", str(archive)))
    restored.start()
    assert "a radar server is using" in one_line(restored.cli("restore", "--from", str(archive), "--force"))
    ok(restored, "POST", "/zhugeleida/login", form={"username": "zhangcong", "password": "secret1"})
    with urllib.request.urlopen(f"{restored.base_url}/{photo}", timeout=10) as response:
        assert response.read() == (server.data_dir / photo).read_bytes()
    names = [r["name"] for r in ok(restored, "GET", f"{Q}/role", admin, params={"length": 0})["ret_data"]]
    ours = sorted((n for n in names if n.startswith("角色")), key=lambda n: int(n[2:]))
    assert len(ours) >= 3 and ours == written[:len(ours)]  # one moment's state: the writes up to it, no gaps
    assert restored.stop() == 0
    forced = restored.cli("restore", "--from", str(archive), "--force")  # stopped: now it may replace
    assert forced.returncode == 0, forced.stderr


def test_export_beside_the_server_and_import_into_a_fresh_installation(radar_process, tmp_path):
    server = radar_process("a").start()
    seller = company(server)["seller"]
    ok(server, "POST", f"{Q}/product/add/0", seller, form={"name": "门票", "price": "128"})
    exported = tmp_path / "export"
    made = server.cli("export", "--to", str(exported))
    assert made.returncode == 0 and "export:" in made.stdout, made.stderr
    assert "not an empty directory" in one_line(server.cli("export", "--to", str(exported)))
    manifest = json.loads((exported / "manifest.json").read_text())
    assert manifest["collections"]["users"]["count"] == 2 and manifest["collections"]["products"]["count"] == 1
    assert {"key": [["username", 1]], "name": "username_1", "unique": True} in manifest["collections"]["users"]["indexes"]

    broken = tmp_path / "broken"
    shutil.copytree(exported, broken)
    (broken / "users.jsonl").write_text((exported / "users.jsonl").read_text().splitlines()[0] + "\n")
    fresh = radar_process("b")
    assert "holds 1 documents, the manifest says 2" in one_line(fresh.cli("import", "--from", str(broken)))
    imported = fresh.cli("import", "--from", str(exported))  # nothing was written: the retry goes in
    assert imported.returncode == 0 and "import:" in imported.stdout, imported.stderr
    assert "is not empty" in one_line(fresh.cli("import", "--from", str(exported)))
    again = tmp_path / "again"
    assert fresh.cli("export", "--to", str(again)).returncode == 0
    for name in manifest["collections"]:
        assert (again / f"{name}.jsonl").read_text() == (exported / f"{name}.jsonl").read_text(), name
    assert json.loads((again / "manifest.json").read_text())["collections"] == manifest["collections"]
    assert server.stop() == 0
