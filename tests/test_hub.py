"""The hub's pushes: one frame to many addressees is encoded and framed once, and reaches each of their sockets."""

import json

from websocket.hub import USER, Hub, text_frame


class Connection:
    def __init__(self):
        self.written = []

    def send_wire(self, wire: bytes) -> None:
        self.written.append(wire)


def test_one_frame_to_many_radar_users_is_built_once_and_reaches_every_socket():
    hub = Hub(idle_timeout_s=60, ping_interval_s=30)
    boss, admin, second_tab, bystander = Connection(), Connection(), Connection(), Connection()
    for user_id, connection in ((1, boss), (2, admin), (2, second_tab), (3, bystander)):
        hub.join(USER, user_id, connection)
    frame = {"code": 200, "type": "stats", "data": {"company_id": 1}}

    assert hub.push_to_users([1, 2, 99], frame) == 3  # 99 has no socket: nothing to write
    assert boss.written == [text_frame(json.dumps(frame, separators=(",", ":")).encode())]
    assert boss.written[0] is admin.written[0] is second_tab.written[0]  # the same bytes, not three encodings
    assert bystander.written == []
    assert hub.push_to_users([99], frame) == 0
