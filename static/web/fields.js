/* The API names the field in its errors ("phone: 手机号码格式错误"); the user reads labels. A form
   keeps what the server said about its fields (problems()), and <rw-field name="phone"> inside it
   shows it on the field; an error about a field no form shows becomes a sentence with the label. */
import { reactive } from "vue";

export const LABELS = {
  phone: "手机号", mingpian_phone: "手机号", telephone: "座机", email: "邮箱", wechat: "微信", username: "用户名",
  password: "密码", role_id: "角色", company_id: "公司", status: "状态", name: "名称", memo_name: "备注名", company: "公司",
  position: "职位", address: "地址", area: "地区", birthday: "生日", mem: "备注", sex: "性别", country: "国家/地区",
  sign: "签名", is_show_phone: "手机号是否可见", expedted_pr: "预计成交率", expected_time: "预计成交日期",
  follow_info: "跟进内容", custom_language: "常用语", tag_list: "标签", title: "标题", summary: "摘要",
  cover_picture: "封面图片", content: "内容", "content.msg": "消息", price: "价格", reason: "推荐理由",
  img_data: "图片", img_name: "图片", img_source: "图片用途", chunk: "图片", chunk_num: "图片", token: "初始化链接",
  customer_id: "客户", article_id: "文章", product_id: "产品", photo_id: "照片", send_type: "消息",
  corp_id: "企业微信 CorpID", agent_id: "企业微信 AgentId", corp_secret: "企业微信 Secret", callback_token: "回调 Token",
  callback_aes_key: "回调 EncodingAESKey", mini_appid: "小程序 AppID", mini_secret: "小程序 Secret",
  gzh_appid: "公众号 AppID", gzh_secret: "公众号 Secret",
  search: "搜索", tag_ids: "标签", source: "来源", pr_min: "最低预计成交率", pr_max: "最高预计成交率", follow: "跟进情况",
  since: "开始日期", until: "结束日期", query_user_id: "销售", next_time: "下次跟进时间", outcome: "成交结果",
  single_choice: "设为单选", format: "导出格式", count: "导出的行数", order: "排序",
};

// content.article_data.0.data: the label of the longest known prefix.
export function labelOf(field) {
  for (let name = field; name; name = name.includes(".") ? name.slice(0, name.lastIndexOf(".")) : "") {
    if (LABELS[name]) return LABELS[name];
  }
  return "";
}

// Reasons that read as the end of a sentence whose subject is the field: 账号 + 不能为空.
const PREDICATE = /^(不能|必须|只能|长度|至少|最多|应|已|不是|含有|格式)/;

// label and reason as one sentence (a label's "(留空不改)" left out); a reason that names the field
// (by this label, a word of it, or the API's usual label) is a sentence already.
export function sentence(label, reason, field = "") {
  const subject = (label || "").replace(/\s*[(（].*$/, "");
  const names = [subject, ...subject.split(/\s+/), labelOf(field)].filter((name) => name.length > 1);
  if (!subject || names.some((name) => reason.includes(name))) return reason;
  return PREDICATE.test(reason) ? subject + reason : `${subject}:${reason}`;
}

const NAMED = /^([A-Za-z_][\w.[\]]*): ([\s\S]*)$/;
const FIELD_NAME = /[a-z][a-z0-9]*(?:_[a-z0-9]+)+/g;

// "field: reason" -> {field, reason, text}: field names inside the reason become labels too.
export function worded(message) {
  const named = NAMED.exec(message || "");
  if (!named) return { field: "", reason: message, text: message };
  const reason = named[2].replace(FIELD_NAME, (name) => LABELS[name] || name);
  return { field: named[1], reason, text: sentence(labelOf(named[1]), reason) };
}

// A form's problems: what the server said about each field a <rw-field> of it shows.
export function problems() {
  return reactive({
    said: {}, shown: [],
    clear() {
      for (const field of Object.keys(this.said)) delete this.said[field];
    },
    // Put on its field when the form shows that field; false when it does not (say it elsewhere).
    show(error) {
      if (!error || !error.field || !this.shown.includes(error.field)) return false;
      this.said[error.field] = error.reason;
      return true;
    },
  });
}
