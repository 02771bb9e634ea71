/* The workbench's client of the radar API: the session, signed calls, errors in words, uploads.
   Every call is signed like any client's: rand_str = md5(timestamp + token) in the query string. */
"use strict";

const RW = (window.RW = {});

RW.SESSION_KEY = "radar_session"; // the scan-login page stores the same session under this key

RW.session = {
  get() {
    try {
      return JSON.parse(sessionStorage.getItem(RW.SESSION_KEY) || "null");
    } catch (error) {
      return null;
    }
  },
  set(session) {
    sessionStorage.setItem(RW.SESSION_KEY, JSON.stringify(session));
  },
  clear() {
    sessionStorage.removeItem(RW.SESSION_KEY);
  },
};

// Messages shown to the user: every failure ends up here, in words.
RW.notices = Vue.reactive([]);
let noticeId = 0;
RW.notify = (text, kind = "info", ms = 4000) => {
  const notice = { id: ++noticeId, text, kind };
  RW.notices.push(notice);
  setTimeout(() => {
    const at = RW.notices.indexOf(notice);
    if (at >= 0) RW.notices.splice(at, 1);
  }, ms);
};
RW.fail = (error) => {
  RW.notify(error && error.message ? error.message : String(error), "error", 6000);
};
window.addEventListener("unhandledrejection", (event) => RW.fail(event.reason));

// Run an action of a screen: its failure shown in words, its success (when `done` says one) too.
RW.attempt = async (action, done) => {
  try {
    const result = await action();
    if (done) RW.notify(done, "ok");
    return result;
  } catch (error) {
    RW.fail(error);
    return undefined;
  }
};

class ApiError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}
RW.ApiError = ApiError;

// A write uses its signature once: two calls in one millisecond get different timestamps.
let lastStamp = 0;
RW.stamp = () => {
  let now = Date.now();
  if (now <= lastStamp) now = lastStamp + 1;
  lastStamp = now;
  return String(now);
};

RW.signed = (params = {}) => {
  const session = RW.session.get();
  if (!session) throw new ApiError(404, "请先登录");
  const timestamp = RW.stamp();
  return { ...params, rand_str: md5(timestamp + session.token), timestamp, user_id: session.user_id };
};

function queryString(params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") query.append(key, value);
  }
  return query.toString();
}

// Called when the server no longer knows the session (password changed, user deleted or disabled).
RW.onSignedOut = () => {};

async function call(method, path, { query = {}, body, signed = true } = {}) {
  const url = `${path}?${queryString(signed ? RW.signed(query) : query)}`;
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
  if (signed && (answer.code === 306 || (answer.code === 404 && answer.msg === "非法请求"))) {
    RW.onSignedOut(answer.code === 306 ? "账号已被停用" : "登录已失效,请重新登录");
  }
  throw new ApiError(answer.code, answer.msg || `错误 ${answer.code}`);
}

RW.get = (path, query) => call("GET", path, { query });
RW.post = (path, body = {}, query) => call("POST", path, { query, body });
RW.publicPost = (path, body) => call("POST", path, { body, signed: false });

const Q = "/zhugeleida/qiyeweixin";
RW.Q = Q;

// A file in chunks of its base64 text (img_upload, product/add_picture), then the merge call.
const CHUNK_CHARS = 256 * 1024;
RW.upload = async (file, { chunkPath, mergePath, fields = {} }) => {
  const dataUrl = await new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(new ApiError(0, "读取文件失败"));
    reader.readAsDataURL(file);
  });
  const base64 = dataUrl.slice(dataUrl.indexOf(",") + 1);
  const uploadId = RW.stamp();
  const name = file.name.replace(/[^\w.\-]/g, "_").slice(-64) || "image";
  const chunks = Math.max(1, Math.ceil(base64.length / CHUNK_CHARS));
  for (let chunk = 0; chunk < chunks; chunk++) {
    await RW.post(chunkPath, {
      img_name: name, timestamp: uploadId, chunk,
      img_data: base64.slice(chunk * CHUNK_CHARS, (chunk + 1) * CHUNK_CHARS), ...fields,
    });
  }
  return RW.post(mergePath, { img_name: name, timestamp: uploadId, chunk_num: chunks, ...fields });
};

// Paths the API returns are relative (statics/...); WeChat avatars are absolute.
RW.media = (path) => (!path ? "" : /^(https?:|data:|blob:|\/)/.test(path) ? path : `/${path}`);

RW.time = (text) => (text ? String(text).replace("T", " ").slice(0, 16) : "");

RW.ACTIONS = {
  1: "查看名片", 2: "查看产品", 3: "查看动态", 4: "查看官网", 5: "复制微信", 6: "转发名片",
  7: "咨询产品", 8: "保存电话", 9: "觉得靠谱", 10: "拨打电话", 11: "播放语音", 12: "复制邮箱",
  14: "查看文章", 15: "转发文章到朋友", 16: "转发文章到朋友圈",
};

RW.ROLE_ADMIN = 1;
RW.ROLE_BOSS = 3;

// ECharts is large: loaded when a chart is first shown.
let echartsLoading = null;
RW.echarts = () => {
  if (window.echarts) return Promise.resolve(window.echarts);
  if (!echartsLoading) {
    echartsLoading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = document.body.dataset.echarts;
      script.onload = () => resolve(window.echarts);
      script.onerror = () => {
        echartsLoading = null;
        reject(new ApiError(0, "图表组件加载失败,请刷新重试"));
      };
      document.head.appendChild(script);
    });
  }
  return echartsLoading;
};

// The hash router: #/name/param -> {name, param}.
RW.route = Vue.reactive({ name: "", param: "" });
function readRoute() {
  const [name = "", param = ""] = location.hash.replace(/^#\/?/, "").split("/");
  RW.route.name = decodeURIComponent(name);
  RW.route.param = decodeURIComponent(param);
}
window.addEventListener("hashchange", readRoute);
readRoute();
RW.go = (name, param) => {
  location.hash = `#/${name}${param !== undefined && param !== "" ? `/${param}` : ""}`;
};
