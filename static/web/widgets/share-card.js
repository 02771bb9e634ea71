/* Compiled from share-card.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: 5451b0a70683c65e665b95e0d96921eb6ecdc0784b125b686307d93ab943bc47 */
/* The next step of an empty radar, address book or chat: customers arrive by opening the card, so
   here is its QR code (once made) and the way to the 名片 screen. An admin who is still the company's
   only account is shown where radar users are added. */
import { auth, get, Q, ROLE_ADMIN } from "../api.js";
import { media } from "../format.js";
import { attempt } from "../notices.js";

const _sfc_main = {
  data: () => ({ qr: "", alone: false }),
  created() {
    attempt(async () => {
      const admin = auth.session.role_id === ROLE_ADMIN;
      const [card, users] = await Promise.all([get(`${Q}/mingpian`), admin ? get(`${Q}/user`, { length: 1 }) : null]);
      this.qr = card.ret_data[0].qr_code || "";
      this.alone = Boolean(users) && users.data_count <= 1;
    });
  },
  methods: { media },
};
import { openBlock as _openBlock, createElementBlock as _createElementBlock, createCommentVNode as _createCommentVNode, createElementVNode as _createElementVNode, toDisplayString as _toDisplayString, createTextVNode as _createTextVNode } from "vue"

const _hoisted_1 = { class: "share-card" }
const _hoisted_2 = ["src"]
const _hoisted_3 = { class: "next-links" }
const _hoisted_4 = {
  class: "button primary",
  href: "#/card"
}
const _hoisted_5 = {
  key: 1,
  class: "muted",
  id: "add-users-hint"
}

function render(_ctx, _cache, $props, $setup, $data, $options) {
  return (_openBlock(), _createElementBlock("div", _hoisted_1, [
    (_ctx.qr)
      ? (_openBlock(), _createElementBlock("img", {
          key: 0,
          src: $options.media(_ctx.qr),
          class: "qr",
          alt: "名片二维码"
        }, null, 8 /* PROPS */, _hoisted_2))
      : _createCommentVNode("v-if", true),
    _cache[2] || (_cache[2] = _createElementVNode("p", null, "下一步:把名片发给客户,或让客户用微信扫名片码。", -1 /* CACHED */)),
    _createElementVNode("p", _hoisted_3, [
      _createElementVNode("a", _hoisted_4, _toDisplayString(_ctx.qr ? '分享名片' : '生成名片二维码'), 1 /* TEXT */),
      _cache[0] || (_cache[0] = _createElementVNode("a", {
        class: "button",
        href: "#/articles"
      }, "写文章分享", -1 /* CACHED */))
    ]),
    (_ctx.alone)
      ? (_openBlock(), _createElementBlock("p", _hoisted_5, [...(_cache[1] || (_cache[1] = [
          _createTextVNode("公司里还只有你一个账号:到 ", -1 /* CACHED */),
          _createElementVNode("a", { href: "#/admin/users" }, "管理 → 用户", -1 /* CACHED */),
          _createTextVNode(" 添加销售,他们的客户会出现在 Boss 雷达上。", -1 /* CACHED */)
        ]))]))
      : _createCommentVNode("v-if", true)
  ]))
}
_sfc_main.render = render;
export default _sfc_main;
