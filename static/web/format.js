/* How values of the API are shown: media paths, times, action names. */

// Paths the API returns are relative (statics/...); WeChat avatars are absolute.
export const media = (path) => (!path ? "" : /^(https?:|data:|blob:|\/)/.test(path) ? path : `/${path}`);

export const time = (text) => (text ? String(text).replace("T", " ").slice(0, 16) : "");

export const ACTIONS = {
  1: "查看名片", 2: "查看产品", 3: "查看动态", 4: "查看官网", 5: "复制微信", 6: "转发名片",
  7: "咨询产品", 8: "保存电话", 9: "觉得靠谱", 10: "拨打电话", 11: "播放语音", 12: "复制邮箱",
  14: "查看文章", 15: "转发文章到朋友", 16: "转发文章到朋友圈",
};
