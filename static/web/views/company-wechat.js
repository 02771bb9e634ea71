/* Compiled from company-wechat.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: cb01e45a6757a3f47708681032794a87533d58a789e0199272cb58e051e86d59 */
/* 管理 → 公司 → 接入微信: what to paste into the WeCom and WeChat consoles (computed by the server from
   PUBLIC_BASE_URL), each value with a copy button, and 检测, which tries every credential against
   WeChat and says, per credential, whether it works and why not. */
import { get, Q } from "../api.js";
import { attempt, notify } from "../notices.js";

const STATUS = { ok: "正常", failed: "被微信拒绝", unreachable: "连不上微信", missing: "未配置" };

const _sfc_main = {
  props: { company: Object },
  data: () => ({ settings: null, checks: null, checking: false, status: STATUS }),
  created() {
    attempt(async () => {
      this.settings = await get(`${Q}/company/console_settings/${this.company.id}`);
    });
  },
  methods: {
    async check() {
      this.checking = true;
      await attempt(async () => {
        this.checks = await get(`${Q}/company/check_wechat/${this.company.id}`);
      });
      this.checking = false;
    },
    // The clipboard needs a secure page (https or this machine); elsewhere the value is selected to copy.
    async copy(item, event) {
      const box = event.currentTarget.parentElement.querySelector("input");
      try {
        await navigator.clipboard.writeText(item.value);
        notify(`已复制「${item.label}」`, "ok");
      } catch (error) {
        box.select();
        notify(document.execCommand("copy") ? `已复制「${item.label}」` : "已选中,请按 Ctrl+C 复制", "ok");
      }
    },
  },
};
import { toDisplayString as _toDisplayString, createElementVNode as _createElementVNode, renderList as _renderList, Fragment as _Fragment, openBlock as _openBlock, createElementBlock as _createElementBlock, normalizeClass as _normalizeClass, createCommentVNode as _createCommentVNode, createTextVNode as _createTextVNode } from "vue"

const _hoisted_1 = {
  class: "company-wechat",
  id: "company-wechat"
}
const _hoisted_2 = { class: "check" }
const _hoisted_3 = { class: "inline" }
const _hoisted_4 = ["disabled"]
const _hoisted_5 = {
  key: 0,
  class: "plain checks",
  id: "wechat-checks"
}
const _hoisted_6 = ["data-setting"]
const _hoisted_7 = { class: "grow" }
const _hoisted_8 = {
  key: 0,
  class: "muted small"
}
const _hoisted_9 = {
  key: 0,
  class: "ok muted small"
}
const _hoisted_10 = {
  key: 0,
  class: "plain warnings",
  id: "console-warnings"
}
const _hoisted_11 = ["data-setting"]
const _hoisted_12 = { class: "muted small" }
const _hoisted_13 = { class: "muted small" }
const _hoisted_14 = ["data-name"]
const _hoisted_15 = { class: "copy-row" }
const _hoisted_16 = ["value", "aria-label"]
const _hoisted_17 = ["onClick"]
const _hoisted_18 = { class: "muted small" }

function render(_ctx, _cache, $props, $setup, $data, $options) {
  return (_openBlock(), _createElementBlock("div", _hoisted_1, [
    _createElementVNode("section", _hoisted_2, [
      _createElementVNode("p", _hoisted_3, [
        _createElementVNode("button", {
          class: "primary",
          id: "wechat-check",
          disabled: _ctx.checking,
          onClick: _cache[0] || (_cache[0] = (...args) => ($options.check && $options.check(...args)))
        }, _toDisplayString(_ctx.checking ? '检测中…' : '检测微信配置'), 9 /* TEXT, PROPS */, _hoisted_4),
        _cache[1] || (_cache[1] = _createElementVNode("span", { class: "muted small" }, "用填写的凭据向微信试着登录一次,看每一组能不能用。", -1 /* CACHED */))
      ]),
      (_ctx.checks)
        ? (_openBlock(), _createElementBlock("ul", _hoisted_5, [
            (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(_ctx.checks.ret_data, (row) => {
              return (_openBlock(), _createElementBlock("li", {
                key: row.setting,
                class: _normalizeClass(row.status),
                "data-setting": row.setting
              }, [
                _createElementVNode("span", {
                  class: _normalizeClass(["chip", row.status])
                }, _toDisplayString(_ctx.status[row.status] || row.status), 3 /* TEXT, CLASS */),
                _createElementVNode("span", _hoisted_7, [
                  _createTextVNode(_toDisplayString(row.msg), 1 /* TEXT */),
                  (row.source === 'settings')
                    ? (_openBlock(), _createElementBlock("span", _hoisted_8, " (使用服务器的默认配置)"))
                    : _createCommentVNode("v-if", true)
                ])
              ], 10 /* CLASS, PROPS */, _hoisted_6))
            }), 128 /* KEYED_FRAGMENT */)),
            (_ctx.checks.all_ok)
              ? (_openBlock(), _createElementBlock("li", _hoisted_9, "全部正常。"))
              : _createCommentVNode("v-if", true)
          ]))
        : _createCommentVNode("v-if", true)
    ]),
    (_ctx.settings)
      ? (_openBlock(), _createElementBlock(_Fragment, { key: 0 }, [
          _cache[2] || (_cache[2] = _createElementVNode("h4", null, "要填到微信后台的地址", -1 /* CACHED */)),
          (_ctx.settings.warnings.length)
            ? (_openBlock(), _createElementBlock("ul", _hoisted_10, [
                (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(_ctx.settings.warnings, (warning) => {
                  return (_openBlock(), _createElementBlock("li", { key: warning }, _toDisplayString(warning), 1 /* TEXT */))
                }), 128 /* KEYED_FRAGMENT */))
              ]))
            : _createCommentVNode("v-if", true),
          (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(_ctx.settings.ret_data, (group) => {
            return (_openBlock(), _createElementBlock("section", {
              key: group.setting,
              class: "console-group",
              "data-setting": group.setting
            }, [
              _createElementVNode("h4", null, [
                _createTextVNode(_toDisplayString(group.setting) + " ", 1 /* TEXT */),
                _createElementVNode("span", _hoisted_12, "· " + _toDisplayString(group.console), 1 /* TEXT */)
              ]),
              _createElementVNode("p", _hoisted_13, "凭据在:" + _toDisplayString(group.credentials_from), 1 /* TEXT */),
              (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(group.items, (item) => {
                return (_openBlock(), _createElementBlock("div", {
                  key: item.name,
                  class: "console-item",
                  "data-name": item.name
                }, [
                  _createElementVNode("label", null, [
                    _createTextVNode(_toDisplayString(item.label), 1 /* TEXT */),
                    _createElementVNode("span", _hoisted_15, [
                      _createElementVNode("input", {
                        value: item.value,
                        readonly: "",
                        "aria-label": item.label
                      }, null, 8 /* PROPS */, _hoisted_16),
                      _createElementVNode("button", {
                        type: "button",
                        class: "copy",
                        onClick: $event => ($options.copy(item, $event))
                      }, "复制", 8 /* PROPS */, _hoisted_17)
                    ])
                  ]),
                  _createElementVNode("p", _hoisted_18, "填到:" + _toDisplayString(item.where), 1 /* TEXT */)
                ], 8 /* PROPS */, _hoisted_14))
              }), 128 /* KEYED_FRAGMENT */))
            ], 8 /* PROPS */, _hoisted_11))
          }), 128 /* KEYED_FRAGMENT */))
        ], 64 /* STABLE_FRAGMENT */))
      : _createCommentVNode("v-if", true)
  ]))
}
_sfc_main.render = render;
export default _sfc_main;
