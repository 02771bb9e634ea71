/* The workbench's client of the radar API: the session, signed calls, errors in words, uploads,
   paged lists. Every call is signed like any client's: rand_str = md5(timestamp + token) in the
   query string. */
import md5 from "blueimp-md5";
import { reactive } from "vue";
import { worded } from "./fields.js";
import { attempt } from "./notices.js";

const SESSION_KEY = "radar_session"; // the scan-login page stores the same session under this key
export const Q = "/zhugeleida/qiyeweixin";
export const ROLE_ADMIN = 1;
export const ROLE_BOSS = 3;

function storedSession() {
  try {
    return JSON.parse(sessionStorage.getItem(SESSION_KEY) || "null");
  } catch (error) {
    return null;
  }
}

// Who is signed in (the login answer), or null.
export const auth = reactive({ session: storedSession() });

export function keepSession(session) {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  auth.session = session;
}

export function dropSession() {
  sessionStorage.removeItem(SESSION_KEY);
  auth.session = null;
}

// An error answer in words: "phone: 手机号码格式错误" reads 手机号码格式错误, and remembers its field.
export class ApiError extends Error {
  constructor(code, message) {
    const { field, reason, text } = worded(message);
    super(text);
    this.code = code;
    this.field = field;
    this.reason = reason;
  }
}

// A write uses its signature once: two calls in one millisecond get different timestamps.
let lastStamp = 0;
function stamp() {
  let now = Date.now();
  if (now <= lastStamp) now = lastStamp + 1;
  lastStamp = now;
  return String(now);
}

export function signed(params = {}) {
  const { session } = auth;
  if (!session) throw new ApiError(404, "请先登录");
  const timestamp = stamp();
  return { ...params, rand_str: md5(timestamp + session.token), timestamp, user_id: session.user_id };
}

function queryString(params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") query.append(key, value);
  }
  return query.toString();
}

// A signed URL for the browser to open itself (an export's download link): sign it when it is opened.
export const signedUrl = (path, query = {}) => `${path}?${queryString(signed(query))}`;

// Told when the server no longer knows the session (password changed, user deleted or disabled).
let signedOut = () => {};
export function onSignedOut(listener) {
  signedOut = listener;
}
export function signOut(reason) {
  signedOut(reason);
}

async function call(method, path, { query = {}, body, isSigned = true } = {}) {
  const url = isSigned ? signedUrl(path, query) : `${path}?${queryString(query)}`;
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers["Content-Type"] = "application/json";
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new ApiError(0, "网络连接失败,请检查网络后重试");
  }
  let answer = null;
  try {
    answer = await response.json();
  } catch (error) {
    throw new ApiError(response.status, `服务器应答异常 (HTTP ${response.status})`);
  }
  if (answer.code === 200) return answer.data;
  // Exactly "非法请求" is a signature the server refused (a role refused says "非法请求: 没有权限").
  if (isSigned && (answer.code === 306 || (answer.code === 404 && answer.msg === "非法请求"))) {
    signOut(answer.code === 306 ? "账号已被停用" : "登录已失效,请重新登录");
  }
  throw new ApiError(answer.code, answer.msg || `错误 ${answer.code}`);
}

export const get = (path, query) => call("GET", path, { query });
export const post = (path, body = {}, query) => call("POST", path, { query, body });
export const publicPost = (path, body) => call("POST", path, { body, isSigned: false });

// A file in chunks of its base64 text (img_upload, product/add_picture), then the merge call.
const CHUNK_CHARS = 256 * 1024;
export async function upload(file, { chunkPath, mergePath, fields = {} }) {
  const dataUrl = await new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(new ApiError(0, "读取文件失败"));
    reader.readAsDataURL(file);
  });
  const base64 = dataUrl.slice(dataUrl.indexOf(",") + 1);
  const uploadId = stamp();
  const name = file.name.replace(/[^\w.\-]/g, "_").slice(-64) || "image";
  const chunks = Math.max(1, Math.ceil(base64.length / CHUNK_CHARS));
  for (let chunk = 0; chunk < chunks; chunk++) {
    await post(chunkPath, {
      img_name: name, timestamp: uploadId, chunk,
      img_data: base64.slice(chunk * CHUNK_CHARS, (chunk + 1) * CHUNK_CHARS), ...fields,
    });
  }
  return post(mergePath, { img_name: name, timestamp: uploadId, chunk_num: chunks, ...fields });
}

/* A paged list: rows, total and "load more", for a route answering {ret_data, <total>}. Lists are
   always asked for a page: the server caps `length`. Put it in a component's data. */
export function pagedList(path, query = () => ({}), { length = 20, total = "data_count" } = {}) {
  return {
    rows: [], total: 0, page: 0, loading: false, asked: 0,
    async load(reset = true) {
      if (reset) this.page = 0;
      this.loading = true;
      const asked = ++this.asked; // answers may come back out of order: only the last one asked counts
      try {
        const data = await get(path, { ...query(), current_page: this.page + 1, length });
        if (asked !== this.asked) return;
        this.rows = reset ? data.ret_data : [...this.rows, ...data.ret_data];
        this.total = data[total];
        this.page += 1;
      } finally {
        this.loading = false;
      }
    },
    // The pages shown so far, again (a live update keeps what "load more" added).
    async refresh() {
      const pages = Math.max(1, this.page);
      this.loading = true;
      try {
        let rows = [];
        for (let page = 1; page <= pages; page++) {
          const data = await get(path, { ...query(), current_page: page, length });
          rows = rows.concat(data.ret_data);
          this.total = data[total];
          if (data.ret_data.length < length) break;
        }
        this.rows = rows;
        this.page = pages;
      } finally {
        this.loading = false;
      }
    },
    // The next page, a failure shown in words (for the "load more" button).
    more() {
      return attempt(() => this.load(false));
    },
  };
}
