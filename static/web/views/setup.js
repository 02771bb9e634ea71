/* Compiled from setup.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: 9afaa52bd43b2499f96f36d1efe106749fa6e3be5be96336e344f7a968ed8f22 */
/* The first run: the one-time link creates the company and its first admin, then signs in. */
import signingIn from "./signing-in.js";

const _sfc_main = {
  mixins: [signingIn],
  data: () => ({ company: "", username: "", password: "", again: "" }),
  computed: {
    token: () => new URLSearchParams(location.search).get("token") || "",
  },
  methods: {
    submit() {
      if (this.password !== this.again) {
        this.error = "两次输入的密码不一致";
        return null;
      }
      return this.signIn("/zhugeleida/public/setup", {
        token: this.token, company: this.company, username: this.username, password: this.password,
      });
    },
  },
};
import { createElementVNode as _createElementVNode, openBlock as _openBlock, createElementBlock as _createElementBlock, createCommentVNode as _createCommentVNode, vModelText as _vModelText, withDirectives as _withDirectives, resolveComponent as _resolveComponent, withCtx as _withCtx, createVNode as _createVNode, createTextVNode as _createTextVNode, toDisplayString as _toDisplayString, withModifiers as _withModifiers } from "vue"

const _hoisted_1 = { class: "login" }
const _hoisted_2 = {
  key: 0,
  class: "error-text"
}
const _hoisted_3 = {
  key: 1,
  class: "error-text",
  id: "setup-error"
}
const _hoisted_4 = ["disabled"]

function render(_ctx, _cache, $props, $setup, $data, $options) {
  const _component_rw_field = _resolveComponent("rw-field")

  return (_openBlock(), _createElementBlock("main", _hoisted_1, [
    _createElementVNode("form", {
      class: "card login-card",
      onSubmit: _cache[4] || (_cache[4] = _withModifiers((...args) => ($options.submit && $options.submit(...args)), ["prevent"]))
    }, [
      _cache[6] || (_cache[6] = _createElementVNode("h1", null, "初始化诸葛雷达", -1 /* CACHED */)),
      _cache[7] || (_cache[7] = _createElementVNode("p", { class: "muted" }, "创建公司和第一个管理员。这个链接只能用一次。", -1 /* CACHED */)),
      (!$options.token)
        ? (_openBlock(), _createElementBlock("p", _hoisted_2, "链接缺少 token,请使用服务器启动时打印的完整链接。"))
        : _createCommentVNode("v-if", true),
      _createVNode(_component_rw_field, {
        label: "公司名称",
        name: "company"
      }, {
        default: _withCtx(() => [
          _withDirectives(_createElementVNode("input", {
            id: "setup-company",
            "onUpdate:modelValue": _cache[0] || (_cache[0] = $event => ((_ctx.company) = $event)),
            required: "",
            maxlength: "64"
          }, null, 512 /* NEED_PATCH */), [
            [
              _vModelText,
              _ctx.company,
              void 0,
              { trim: true }
            ]
          ])
        ]),
        _: 1 /* STABLE */
      }),
      _createVNode(_component_rw_field, {
        label: "管理员账号",
        name: "username"
      }, {
        default: _withCtx(() => [
          _withDirectives(_createElementVNode("input", {
            id: "setup-username",
            "onUpdate:modelValue": _cache[1] || (_cache[1] = $event => ((_ctx.username) = $event)),
            autocomplete: "username",
            required: "",
            maxlength: "32"
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
        label: "密码 (至少6位)",
        name: "password"
      }, {
        default: _withCtx(() => [
          _withDirectives(_createElementVNode("input", {
            id: "setup-password",
            "onUpdate:modelValue": _cache[2] || (_cache[2] = $event => ((_ctx.password) = $event)),
            type: "password",
            autocomplete: "new-password",
            required: "",
            minlength: "6"
          }, null, 512 /* NEED_PATCH */), [
            [_vModelText, _ctx.password]
          ])
        ]),
        _: 1 /* STABLE */
      }),
      _createElementVNode("label", null, [
        _cache[5] || (_cache[5] = _createTextVNode("再输一次", -1 /* CACHED */)),
        _withDirectives(_createElementVNode("input", {
          id: "setup-again",
          "onUpdate:modelValue": _cache[3] || (_cache[3] = $event => ((_ctx.again) = $event)),
          type: "password",
          autocomplete: "new-password",
          required: ""
        }, null, 512 /* NEED_PATCH */), [
          [_vModelText, _ctx.again]
        ])
      ]),
      (_ctx.error)
        ? (_openBlock(), _createElementBlock("p", _hoisted_3, _toDisplayString(_ctx.error), 1 /* TEXT */))
        : _createCommentVNode("v-if", true),
      _createElementVNode("button", {
        id: "setup-submit",
        class: "primary",
        disabled: _ctx.busy || !$options.token
      }, _toDisplayString(_ctx.busy ? '创建中…' : '创建并登录'), 9 /* TEXT, PROPS */, _hoisted_4)
    ], 32 /* NEED_HYDRATION */)
  ]))
}
_sfc_main.render = render;
export default _sfc_main;
