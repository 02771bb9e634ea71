/* Compiled from checklist.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: 527619b62973143a1d9b7ad1205191090a7d8c370a32a1967351142e5acc9e21 */
/* The admin's setup checklist on the radar, shown while something the company needs is missing: each
   item done or not, what to do, and a link to where it is done (the server's own settings say so).
   Folded, it stays folded in this browser (it is long on a phone). */
import { auth, get, Q } from "../api.js";
import { attempt } from "../notices.js";

const FOLDED = "radar_checklist_folded";
const COMPANY = ["#/admin/companies", "去 管理 → 公司"];
const FIX = { wecom_app: COMPANY, wecom_callback: COMPANY, mini_program: COMPANY, official_account: COMPANY,
              radar_users: ["#/admin/users", "去 管理 → 用户"] };

const _sfc_main = {
  data: () => ({ items: [], complete: true, fix: FIX, folded: localStorage.getItem(FOLDED) === "1" }),
  created() {
    attempt(async () => {
      const data = await get(`${Q}/company/checklist/${auth.session.company_id}`);
      this.items = data.ret_data;
      this.complete = data.complete;
    });
  },
  methods: {
    toggled(event) {
      this.folded = !event.target.open;
      localStorage.setItem(FOLDED, this.folded ? "1" : "0");
    },
  },
  computed: {
    done() {
      return this.items.filter((item) => item.done).length;
    },
  },
};
import { createElementVNode as _createElementVNode, toDisplayString as _toDisplayString, createTextVNode as _createTextVNode, renderList as _renderList, Fragment as _Fragment, openBlock as _openBlock, createElementBlock as _createElementBlock, createCommentVNode as _createCommentVNode, normalizeClass as _normalizeClass } from "vue"

const _hoisted_1 = ["open"]
const _hoisted_2 = { class: "muted small" }
const _hoisted_3 = { class: "plain" }
const _hoisted_4 = ["data-name"]
const _hoisted_5 = ["aria-label"]
const _hoisted_6 = { class: "grow" }
const _hoisted_7 = {
  key: 0,
  class: "muted small"
}
const _hoisted_8 = ["href"]
const _hoisted_9 = {
  key: 1,
  class: "muted small server"
}

function render(_ctx, _cache, $props, $setup, $data, $options) {
  return (!_ctx.complete)
    ? (_openBlock(), _createElementBlock("details", {
        key: 0,
        class: "card checklist",
        id: "setup-checklist",
        open: !_ctx.folded,
        onToggle: _cache[0] || (_cache[0] = (...args) => ($options.toggled && $options.toggled(...args)))
      }, [
        _createElementVNode("summary", null, [
          _cache[1] || (_cache[1] = _createElementVNode("b", null, "开始使用前的设置", -1 /* CACHED */)),
          _cache[2] || (_cache[2] = _createTextVNode()),
          _createElementVNode("span", _hoisted_2, "已完成 " + _toDisplayString($options.done) + "/" + _toDisplayString(_ctx.items.length), 1 /* TEXT */)
        ]),
        _createElementVNode("ul", _hoisted_3, [
          (_openBlock(true), _createElementBlock(_Fragment, null, _renderList(_ctx.items, (item) => {
            return (_openBlock(), _createElementBlock("li", {
              key: item.name,
              class: _normalizeClass({done: item.done}),
              "data-name": item.name
            }, [
              _createElementVNode("span", {
                class: "mark",
                "aria-label": item.done ? '已完成' : '未完成'
              }, _toDisplayString(item.done ? '✓' : '!'), 9 /* TEXT, PROPS */, _hoisted_5),
              _createElementVNode("div", _hoisted_6, [
                _createElementVNode("b", null, _toDisplayString(item.label), 1 /* TEXT */),
                (!item.done)
                  ? (_openBlock(), _createElementBlock("p", _hoisted_7, _toDisplayString(item.hint), 1 /* TEXT */))
                  : _createCommentVNode("v-if", true)
              ]),
              (!item.done)
                ? (_openBlock(), _createElementBlock(_Fragment, { key: 0 }, [
                    (_ctx.fix[item.name])
                      ? (_openBlock(), _createElementBlock("a", {
                          key: 0,
                          class: "button",
                          href: _ctx.fix[item.name][0]
                        }, _toDisplayString(_ctx.fix[item.name][1]), 9 /* TEXT, PROPS */, _hoisted_8))
                      : (_openBlock(), _createElementBlock("span", _hoisted_9, "在服务器上设置"))
                  ], 64 /* STABLE_FRAGMENT */))
                : _createCommentVNode("v-if", true)
            ], 10 /* CLASS, PROPS */, _hoisted_4))
          }), 128 /* KEYED_FRAGMENT */))
        ])
      ], 40 /* PROPS, NEED_HYDRATION */, _hoisted_1))
    : _createCommentVNode("v-if", true)
}
_sfc_main.render = render;
export default _sfc_main;
