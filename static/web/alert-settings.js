/* Compiled from alert-settings.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: c29ba1cc32e6fe7e9c63ba2a6e5ed134ea0a62103a5706df7053e7d40157ce1b */
/* The bell in the top bar: whether a customer's message or first visit makes a sound and shows a
   desktop notification. Turning notifications on is the click the browser asks permission from. */
import { alerts, canNotify, setDesktop, setSound } from "./alerts.js";

const _sfc_main = {
  data: () => ({ alerts, canNotify, open: false }),
  mounted() {
    this.onClick = (event) => {
      if (this.open && !this.$el.contains(event.target)) this.open = false;
    };
    document.addEventListener("click", this.onClick);
  },
  unmounted() {
    document.removeEventListener("click", this.onClick);
  },
  methods: {
    async desktop(event) {
      await setDesktop(event.target.checked);
      event.target.checked = alerts.desktop; // refused: the box unticks even though the value did not change
    },
    setSound,
  },
};
import { createElementVNode as _createElementVNode, openBlock as _openBlock, createElementBlock as _createElementBlock, createCommentVNode as _createCommentVNode, normalizeClass as _normalizeClass, createTextVNode as _createTextVNode } from "vue"

const _hoisted_1 = { class: "alert-settings" }
const _hoisted_2 = ["aria-expanded"]
const _hoisted_3 = {
  viewBox: "0 0 24 24",
  width: "18",
  height: "18",
  "aria-hidden": "true",
  fill: "none",
  stroke: "currentColor",
  "stroke-width": "2",
  "stroke-linejoin": "round",
  "stroke-linecap": "round"
}
const _hoisted_4 = {
  key: 0,
  d: "M4 4l16 16"
}
const _hoisted_5 = {
  key: 0,
  class: "alert-menu card",
  id: "alert-menu"
}
const _hoisted_6 = { class: "check" }
const _hoisted_7 = ["checked"]
const _hoisted_8 = { class: "check" }
const _hoisted_9 = ["checked", "disabled"]
const _hoisted_10 = {
  key: 0,
  class: "muted small"
}

function render(_ctx, _cache, $props, $setup, $data, $options) {
  return (_openBlock(), _createElementBlock("div", _hoisted_1, [
    _createElementVNode("button", {
      class: _normalizeClass(["icon", {on: _ctx.alerts.sound || _ctx.alerts.desktop}]),
      id: "alerts-toggle",
      "aria-expanded": _ctx.open,
      title: "提醒设置",
      "aria-label": "提醒设置",
      onClick: _cache[0] || (_cache[0] = $event => (_ctx.open = !_ctx.open))
    }, [
      (_openBlock(), _createElementBlock("svg", _hoisted_3, [
        _cache[3] || (_cache[3] = _createElementVNode("path", { d: "M12 3a6 6 0 0 0-6 6v4l-2 3h16l-2-3V9a6 6 0 0 0-6-6zM10 19a2 2 0 0 0 4 0" }, null, -1 /* CACHED */)),
        (!_ctx.alerts.sound && !_ctx.alerts.desktop)
          ? (_openBlock(), _createElementBlock("path", _hoisted_4))
          : _createCommentVNode("v-if", true)
      ]))
    ], 10 /* CLASS, PROPS */, _hoisted_2),
    (_ctx.open)
      ? (_openBlock(), _createElementBlock("div", _hoisted_5, [
          _cache[6] || (_cache[6] = _createElementVNode("p", { class: "muted small" }, "客户发来消息、第一次打开你的名片、约好的跟进时间到了时:", -1 /* CACHED */)),
          _createElementVNode("label", _hoisted_6, [
            _createElementVNode("input", {
              type: "checkbox",
              id: "alert-sound",
              checked: _ctx.alerts.sound,
              onChange: _cache[1] || (_cache[1] = $event => ($options.setSound($event.target.checked)))
            }, null, 40 /* PROPS, NEED_HYDRATION */, _hoisted_7),
            _cache[4] || (_cache[4] = _createTextVNode(" 响一声", -1 /* CACHED */))
          ]),
          _createElementVNode("label", _hoisted_8, [
            _createElementVNode("input", {
              type: "checkbox",
              id: "alert-desktop",
              checked: _ctx.alerts.desktop,
              disabled: !_ctx.canNotify,
              onChange: _cache[2] || (_cache[2] = (...args) => ($options.desktop && $options.desktop(...args)))
            }, null, 40 /* PROPS, NEED_HYDRATION */, _hoisted_9),
            _cache[5] || (_cache[5] = _createTextVNode(" 桌面通知", -1 /* CACHED */)),
            (!_ctx.canNotify)
              ? (_openBlock(), _createElementBlock("span", _hoisted_10, "(这个浏览器不支持)"))
              : _createCommentVNode("v-if", true)
          ])
        ]))
      : _createCommentVNode("v-if", true)
  ]))
}
_sfc_main.render = render;
export default _sfc_main;
