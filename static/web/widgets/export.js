/* Compiled from export.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: ccc2595144b95e4e74af28b85070b751c9928dfa1a4a2d516e5d049dbac373d2 */
/* 导出 Excel / CSV: the export route's signed URL opened as a download link. It is signed at the click
   (a signature is fresh for AUTH_WINDOW_S only), with the filters of what the screen shows (query). */
import { Q, signedUrl } from "../api.js";
import { fail } from "../notices.js";

const _sfc_main = {
  props: { kind: String, query: { type: Object, default: () => ({}) }, label: { type: String, default: "导出" } },
  methods: {
    open(format, event) {
      try {
        event.currentTarget.href = signedUrl(`${Q}/export/${this.kind}`, { ...this.query, format });
      } catch (error) {
        event.preventDefault();
        fail(error);
      }
    },
  },
};
import { toDisplayString as _toDisplayString, createElementVNode as _createElementVNode, openBlock as _openBlock, createElementBlock as _createElementBlock } from "vue"

const _hoisted_1 = ["data-export"]
const _hoisted_2 = { class: "muted small" }

function render(_ctx, _cache, $props, $setup, $data, $options) {
  return (_openBlock(), _createElementBlock("span", {
    class: "export",
    "data-export": $props.kind
  }, [
    _createElementVNode("span", _hoisted_2, _toDisplayString($props.label), 1 /* TEXT */),
    _createElementVNode("a", {
      class: "button",
      href: "#",
      download: "",
      "data-format": "xlsx",
      title: "下载 Excel 文件",
      onClick: _cache[0] || (_cache[0] = $event => ($options.open('xlsx', $event)))
    }, "Excel"),
    _createElementVNode("a", {
      class: "button",
      href: "#",
      download: "",
      "data-format": "csv",
      title: "下载 CSV 文件",
      onClick: _cache[1] || (_cache[1] = $event => ($options.open('csv', $event)))
    }, "CSV")
  ], 8 /* PROPS */, _hoisted_1))
}
_sfc_main.render = render;
export default _sfc_main;
