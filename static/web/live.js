/* The radar WebSocket: customer actions, chat messages, read receipts, follow-up reminders and (for
   admins and Bosses) "the numbers moved" pushed as they happen.
   One socket for the whole workbench. A dropped socket comes back with exponential backoff (0.5 s
   doubling to 15 s, with jitter); views listen for "open" to fetch what they missed while away. */
import { reactive } from "vue";
import { auth, signed, signOut } from "./api.js";
import { fail, notify } from "./notices.js";

// reading: the customer whose conversation is on screen (its messages are read as they arrive).
export const live = reactive({ state: "closed", unread: 0, newActions: 0, drops: 0, reading: null });

const PUSHES = ["chat", "action_log", "read", "follow_due", "stats"];
const listeners = Object.fromEntries([...PUSHES, "open"].map((type) => [type, new Set()]));
let socket = null;
let attempts = 0;
let retryTimer = null;
let wanted = false;

// Listen to pushes of a type (PUSHES) or to the socket's (re)opening; returns the unsubscribe.
export function on(type, listener) {
  listeners[type].add(listener);
  return () => listeners[type].delete(listener);
}

function emit(type, payload) {
  for (const listener of [...listeners[type]]) {
    try {
      listener(payload);
    } catch (error) {
      fail(error);
    }
  }
}

function connect() {
  retryTimer = null;
  if (!wanted || !auth.session) return;
  live.state = "connecting";
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const query = new URLSearchParams(signed()).toString();
  const current = new WebSocket(`${scheme}//${location.host}/zhugeleida/public/websocket/leida?${query}`);
  socket = current;
  current.onmessage = (event) => {
    let frame;
    try {
      frame = JSON.parse(event.data);
    } catch (error) {
      return;
    }
    if (PUSHES.includes(frame.type)) {
      emit(frame.type, frame.data);
    } else if (frame.code === 200 && frame.data && "unread_msg_num" in frame.data) {
      live.unread = frame.data.unread_msg_num;
      if (frame.msg === "注册成功") {
        live.state = "open";
        attempts = 0;
        emit("open", frame.data);
      }
    } else if (frame.code === 404 || frame.code === 306) {
      wanted = false; // the account is signed out or disabled: reconnecting cannot help
      signOut(frame.code === 306 ? "账号已被停用" : "登录已失效,请重新登录");
    } else if (frame.code !== 200) {
      notify(frame.msg, "error");
    }
  };
  current.onclose = () => {
    if (socket !== current) return;
    socket = null;
    live.state = "closed";
    if (!wanted) return;
    live.drops += 1;
    const delay = Math.min(15000, 500 * 2 ** attempts) * (0.75 + Math.random() / 2);
    attempts += 1;
    retryTimer = setTimeout(connect, delay);
  };
}

export function connectLive() {
  wanted = true;
  if (!socket && !retryTimer) connect();
}

export function disconnectLive() {
  wanted = false;
  clearTimeout(retryTimer);
  retryTimer = null;
  if (socket) socket.close(1000);
  socket = null;
  live.state = "closed";
}

// A frame for the server (e.g. {type: "read", customer_id}); false when the socket is down.
export function sendLive(frame) {
  if (!socket || live.state !== "open") return false;
  socket.send(JSON.stringify(frame));
  return true;
}

// For the tests and for anyone debugging a flaky network: drop the socket as a network would.
export function dropLive() {
  if (socket) socket.close(4000, "dropped on purpose");
}
