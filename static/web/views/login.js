/* Compiled from login.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: 3848492cf17b68a203050ca6703ae2685063fc1813e6890e8d72cf6a08ec906b */
/* Logging in with the password, or with the scan-code page (which comes back here signed in). */
import signingIn from "./signing-in.js";

const _sfc_main = {
  mixins: [signingIn],
  data: () => ({ username: "", password: "" }),
  methods: {
    submit() {
      return this.signIn("/zhugeleida/login", { username: this.username, password: this.password });
    },
  },
};
import { createElementVNode as _createElementVNode, vModelText as _vModelText, withDirectives as _withDirectives, resolveComponent as _resolveComponent, withCtx as _withCtx, createVNode as _createVNode, toDisplayString as _toDisplayString, openBlock as _openBlock, createElementBlock as _createElementBlock, createCommentVNode as _createCommentVNode, withModifiers as _withModifiers } from "vue"

const _hoisted_1 = { class: "login" }
const _hoisted_2 = {
  key: 0,
  class: "error-text",
  id: "login-error"
}
const _hoisted_3 = ["disabled"]

function render(_ctx, _cache, $props, $setup, $data, $options) {
  const _component_rw_field = _resolveComponent("rw-field")

  return (_openBlock(), _createElementBlock("main", _hoisted_1, [
    _createElementVNode("form", {
      class: "card login-card",
      onSubmit: _cache[2] || (_cache[2] = _withModifiers((...args) => ($options.submit && $options.submit(...args)), ["prevent"]))
    }, [
      _cache[3] || (_cache[3] = _createElementVNode("h1", null, "诸葛雷达", -1 /* CACHED */)),
      _cache[4] || (_cache[4] = _createElementVNode("p", { class: "muted" }, "销售雷达工作台", -1 /* CACHED */)),
      _createVNode(_component_rw_field, {
        label: "账号",
        name: "username"
      }, {
        default: _withCtx(() => [
          _withDirectives(_createElementVNode("input", {
            id: "login-username",
            "onUpdate:modelValue": _cache[0] || (_cache[0] = $event => ((_ctx.username) = $event)),
            autocomplete: "username",
            required: ""
          }, null, 512 /* NEED_PATCH */), [
            [
              _vModelText,
              _ctx.username,
              void 0,
              { trim: true }
            ]
          ])
        ]),
        _: 1 /* STABLE */
      }),
      _createVNode(_component_rw_field, {
        label: "密码",
        name: "password"
      }, {
        default: _withCtx(() => [
          _withDirectives(_createElementVNode("input", {
            id: "login-password",
            "onUpdate:modelValue": _cache[1] || (_cache[1] = $event => ((_ctx.password) = $event)),
            type: "password",
            autocomplete: "current-password",
            required: ""
          }, null, 512 /* NEED_PATCH */), [
            [_vModelText, _ctx.password]
          ])
        ]),
        _: 1 /* STABLE */
      }),
      (_ctx.error)
        ? (_openBlock(), _createElementBlock("p", _hoisted_2, _toDisplayString(_ctx.error), 1 /* TEXT */))
        : _createCommentVNode("v-if", true),
      _createElementVNode("button", {
        id: "login-submit",
        class: "primary",
        disabled: _ctx.busy
      }, _toDisplayString(_ctx.busy ? '登录中…' : '登录'), 9 /* TEXT, PROPS */, _hoisted_3),
      _cache[5] || (_cache[5] = _createElementVNode("a", {
        class: "muted",
        href: "/zhugeleida/public/scan_login?next=/"
      }, "用手机扫码登录", -1 /* CACHED */))
    ], 32 /* NEED_HYDRATION */)
  ]))
}
_sfc_main.render = render;
export default _sfc_main;
