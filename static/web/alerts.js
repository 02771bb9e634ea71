/* Customers noticed from any screen: the unread count kept from the radar socket, the tab's title
   "(n) 诸葛雷达", and, when the user turned them on, a sound and a desktop notification for a
   customer's message, a customer's first visit and a follow-up that falls due (which always shows a
   notice too). The choice is remembered in this browser. */
import { reactive, watch } from "vue";
import { get, Q } from "./api.js";
import { live, on } from "./live.js";
import { notify } from "./notices.js";
import { go } from "./router.js";

const KEY = "radar_alerts";
const TITLE = "诸葛雷达";
const FIRST_VISIT = "首次查看";

function remembered() {
  try {
    return JSON.parse(localStorage.getItem(KEY) || "{}");
  } catch (error) {
    return {};
  }
}

// sound, desktop: what the user turned on; answered: the offer to turn them on is made once.
export const alerts = reactive({ sound: false, desktop: false, answered: false, ...remembered() });
export const canNotify = "Notification" in window;

function remember() {
  localStorage.setItem(KEY, JSON.stringify({ sound: alerts.sound, desktop: alerts.desktop, answered: true }));
  alerts.answered = true;
}

/* Browsers let a page make sound only after a gesture: the context is made (or resumed) by the click
   that turns the sound on, or by the first click or key of a later visit. */
let audio = null;
function wakeAudio() {
  if (!alerts.sound) return;
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!audio && Context) audio = new Context();
  if (audio && audio.state === "suspended") audio.resume();
}
for (const type of ["pointerdown", "keydown", "click"]) document.addEventListener(type, wakeAudio, { capture: true });

function chime() {
  if (!audio) return;
  const tone = audio.createOscillator();
  const volume = audio.createGain();
  const at = audio.currentTime;
  tone.frequency.value = 880;
  volume.gain.setValueAtTime(0.2, at);
  volume.gain.exponentialRampToValueAtTime(0.001, at + 0.4);
  tone.connect(volume).connect(audio.destination);
  tone.start(at);
  tone.stop(at + 0.4);
}

// From a click: asks the browser once; a refusal turns desktop notifications off, in words.
export async function setDesktop(wanted) {
  alerts.desktop = false;
  if (wanted && canNotify) {
    const permission = Notification.permission === "default" ? await Notification.requestPermission() : Notification.permission;
    alerts.desktop = permission === "granted";
    if (!alerts.desktop) notify("浏览器没有允许通知:请在浏览器的网站设置里允许本站通知后再打开", "error", 8000);
  }
  remember();
}

export function setSound(wanted) {
  alerts.sound = wanted;
  wakeAudio();
  if (wanted) chime(); // what it will sound like
  remember();
}

// The offer's answer: both on (from its button's click), or neither.
export async function answerOffer(wanted) {
  setSound(wanted);
  await setDesktop(wanted);
}

function show(title, body, route) {
  if (alerts.sound) chime();
  if (!alerts.desktop || !canNotify || Notification.permission !== "granted") return;
  let shown;
  try {
    shown = new Notification(title, { body, tag: route, lang: "zh-CN" });
  } catch (error) { // some mobile browsers have the API but show notifications only from a service worker
    alerts.desktop = false;
    remember();
    notify("这个浏览器不能显示桌面通知,已关闭", "error", 8000);
    return;
  }
  shown.onclick = () => {
    window.focus();
    go(...route.split("/"));
    shown.close();
  };
}

async function customerName(customerId) {
  try {
    const profile = (await get(`${Q}/customer`, { customer_id: customerId })).ret_data[0];
    return profile.memo_name || profile.username || "客户";
  } catch (error) {
    return "客户";
  }
}

function messaged(rows) {
  for (const row of rows) {
    if (row.send_type !== 2) continue;
    const open = row.customer_id === live.reading; // the conversation on screen reads it as it arrives
    if (!open) live.unread += 1;
    if (!open || document.hidden) announce(row);
  }
}

async function announce(row) {
  const name = alerts.desktop ? await customerName(row.customer_id) : "客户";
  show(`${name} 发来消息`, row.msg, `chat/${row.customer_id}`);
}

function visited(items) {
  for (const item of items) {
    if (!item.repeats && item.log.includes(FIRST_VISIT)) show("新客户来访", item.log, `customers/${item.customer_id}`);
  }
}

// A next-contact time came (follow_due): said on whatever screen is open.
function due(items) {
  if (!items.length) return;
  const names = items.map((item) => item.memo_name || item.customer_username || "客户");
  const who = names.length > 3 ? `${names.slice(0, 3).join("、")}等${names.length}位客户` : names.join("、");
  const text = `跟进提醒:${who} 到了约定的跟进时间`;
  notify(text, "info", 10000);
  show("跟进提醒", text, items.length === 1 ? `customers/${items[0].customer_id}` : "radar");
}

// Once, by the shell: every screen shares the count and the title.
export function watchCustomers() {
  on("chat", (data) => messaged(data.ret_data));
  on("action_log", (data) => visited(data.ret_data));
  on("follow_due", (data) => due(data.ret_data));
  const plain = document.title;
  watch(() => live.unread, (unread) => {
    document.title = unread > 0 ? `(${unread}) ${TITLE}` : plain;
  }, { immediate: true });
}
