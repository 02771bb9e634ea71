"""Backups of a MongoDB installation (an export in the archive), restored into an empty database, and
archives that are not ours or try to write outside DATA_DIR. (The embedded database's backup, taken
while the server serves, is in test_operations.py.)"""

import io
import json
import tarfile
import uuid

import pytest

from common.errors import CommandError
from models import backups


@pytest.mark.gen_test(timeout=60)
async def test_a_mongodb_backup_restores_the_database_and_the_files(api, db, cfg, admin, seller, tmp_path):
    photo = cfg.statics_dir / "zhugeleida" / "imgs" / "a.png"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(b"\x89PNG picture")
    archive = tmp_path / "radar.tar.gz"
    done = await backups.backup_mongodb(cfg, db, archive)
    assert done["files"] == 1 and done["documents"] > 5 and archive.exists()
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob(".radar-backup-*"))
    assert backups.read_info(archive)["database"] == "mongodb"
    with pytest.raises(CommandError, match="exists: choose another name"):
        await backups.backup_mongodb(cfg, db, archive)

    target = cfg.__class__(data_dir=str(tmp_path / "restored"))
    backups.check_data_dir(target, force=False)
    copy = db.client[f"t_{uuid.uuid4().hex[:12]}"]
    try:
        assert await backups.restore_export(copy, archive) == done["documents"]
        assert await copy.users.count_documents({}) == 2
        assert await backups.restore_files(target, archive, with_database=False, force=False) == 1
        assert (target.statics_dir / "zhugeleida" / "imgs" / "a.png").read_bytes() == b"\x89PNG picture"
        with pytest.raises(CommandError, match="is not empty"):
            backups.check_data_dir(target, force=False)
        with pytest.raises(CommandError, match="is not empty"):
            await backups.restore_export(copy, archive)
    finally:
        await db.client.drop_database(copy.name)


def archive_with(path, members: dict) -> None:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            member = tarfile.TarInfo(name)
            member.size = len(data)
            tar.addfile(member, io.BytesIO(data))


@pytest.mark.gen_test
async def test_what_is_not_a_backup_or_leaves_data_dir_is_refused(cfg, tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    for wrong in (tmp_path / "notes.txt", tmp_path / "missing.tar.gz"):
        with pytest.raises(CommandError, match="not a radar backup|not found"):
            backups.read_info(wrong)
    info = json.dumps({"format": backups.FORMAT, "version": backups.VERSION, "database": "mongodb",
                       "created": "now"}).encode()
    archive_with(tmp_path / "evil.tar.gz", {"backup.json": info, "statics/../../outside.txt": b"x"})
    assert backups.read_info(tmp_path / "evil.tar.gz")["database"] == "mongodb"
    with pytest.raises(CommandError, match="cannot be restored"):
        await backups.restore_files(cfg, tmp_path / "evil.tar.gz", with_database=False, force=False)
    assert not (tmp_path / "outside.txt").exists()
    archive_with(tmp_path / "later.tar.gz", {"backup.json": info.replace(b'"version": 1', b'"version": 2')})
    with pytest.raises(CommandError, match="backup format version 2"):
        backups.read_info(tmp_path / "later.tar.gz")
