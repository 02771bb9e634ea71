/* How values of the API are shown: media paths, times (days, 刚刚, 5分钟前), action names, links in text. */
import { reactive } from "vue";

// Paths the API returns are relative (statics/...); WeChat avatars are absolute.
export const media = (path) => (!path ? "" : /^(https?:|data:|blob:|\/)/.test(path) ? path : `/${path}`);

export const time = (text) => (text ? String(text).replace("T", " ").slice(0, 16) : "");

export const ACTIONS = {
  1: "查看名片", 2: "查看产品", 3: "查看动态", 4: "查看官网", 5: "复制微信", 6: "转发名片",
  7: "咨询产品", 8: "保存电话", 9: "觉得靠谱", 10: "拨打电话", 11: "播放语音", 12: "复制邮箱",
  14: "查看文章", 15: "转发文章到朋友", 16: "转发文章到朋友圈",
};

/* The API's times are wall-clock times of the server's TIME_ZONE (the page names it in a meta tag),
   so "today" and "5 minutes ago" are counted on that clock, whatever the browser's own zone. */
function zoneClock() {
  const zone = document.querySelector('meta[name="radar-time-zone"]');
  const options = { hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric",
                    minute: "numeric", second: "numeric" };
  try {
    return new Intl.DateTimeFormat("en-US", { ...options, timeZone: zone ? zone.content : undefined });
  } catch (error) {
    return new Intl.DateTimeFormat("en-US", options); // a zone this browser does not know: its own
  }
}
const ZONE_CLOCK = zoneClock();
const DAY = 86400000;

// A wall-clock time as milliseconds, read as if it were UTC: only differences and days are used.
function wall(text) {
  const match = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d))?/.exec(text || "");
  return match ? Date.UTC(match[1], match[2] - 1, match[3], match[4], match[5], match[6] || 0) : NaN;
}

function wallNow(now) {
  const part = Object.fromEntries(ZONE_CLOCK.formatToParts(now).map(({ type, value }) => [type, Number(value)]));
  return Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second);
}

// Today on the server's clock, YYYY-MM-DD (what a day parameter defaults to).
export const today = (now = clock.now) => new Date(wallNow(now)).toISOString().slice(0, 10);

// Now, for relative times: ticks on its own, so 刚刚 becomes 1分钟前 without a reload.
export const clock = reactive({ now: Date.now() });
setInterval(() => { clock.now = Date.now(); }, 15000);

// 今天, 昨天, 明天, 11月28日 (another year: 2025年11月28日).
export function dayLabel(text, now = clock.now) {
  const then = wall(text);
  if (Number.isNaN(then)) return "";
  const today = wallNow(now);
  const days = Math.floor(today / DAY) - Math.floor(then / DAY);
  if (days === 0) return "今天";
  if (days === 1) return "昨天";
  if (days === -1) return "明天";
  const date = new Date(then);
  const monthDay = `${date.getUTCMonth() + 1}月${date.getUTCDate()}日`;
  return date.getUTCFullYear() === new Date(today).getUTCFullYear() ? monthDay : `${date.getUTCFullYear()}年${monthDay}`;
}

export const hourMinute = (text) => time(text).slice(11);

// Whether a planned time has come, on the server's clock.
export const hasCome = (text, now = clock.now) => wall(text) <= wallNow(now);

// A planned time (next contact): 今天 15:30, 明天, 11月28日 09:00; a whole day (00:00) without its hour.
export function planned(text, now = clock.now) {
  const hour = hourMinute(text);
  return `${dayLabel(text, now)}${hour && hour !== "00:00" ? ` ${hour}` : ""}`;
}

// Within a day: 刚刚, 5分钟前, then HH:MM.
export function ago(text, now = clock.now) {
  const past = wallNow(now) - wall(text);
  if (Number.isNaN(past)) return "";
  if (past < 60000) return "刚刚"; // a server clock a little ahead of ours too
  if (past < 3600000) return `${Math.floor(past / 60000)}分钟前`;
  return hourMinute(text);
}

// Rows in their order, cut where the day changes: [{day, rows}].
export function byDay(rows, timeOf, now = clock.now) {
  const groups = [];
  for (const row of rows) {
    const day = dayLabel(timeOf(row), now);
    if (!groups.length || groups[groups.length - 1].day !== day) groups.push({ day, rows: [] });
    groups[groups.length - 1].rows.push(row);
  }
  return groups;
}

/* The http(s) links in a message, as parts to build elements from (the text stays text). A link ends
   at a space, a CJK character or full-width punctuation; punctuation closing the sentence stays out. */
const LINK = /https?:\/\/[^\s<>"'\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+/gi;
export function linkParts(text) {
  const message = String(text || "");
  const parts = [];
  let at = 0;
  for (const match of message.matchAll(LINK)) {
    const link = match[0].replace(/[.,;:!?'")\]]+$/, "");
    let url;
    try {
      url = new URL(link);
    } catch (error) {
      continue; // not a link after all: it stays in the text around it
    }
    if (match.index > at) parts.push({ text: message.slice(at, match.index) });
    parts.push({ text: link, href: url.href });
    at = match.index + link.length;
  }
  if (at < message.length) parts.push({ text: message.slice(at) });
  return parts;
}
