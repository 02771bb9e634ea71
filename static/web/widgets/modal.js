/* Compiled from modal.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: aa2f1eec7ff64cc8007b543cf4f0fbcd64018f37e37df9da89ed3686d099212b */
const _sfc_main = {
  props: { title: String },
  emits: ["close"],
  mounted() {
    this.onKey = (event) => event.key === "Escape" && this.$emit("close");
    window.addEventListener("keydown", this.onKey);
  },
  unmounted() {
    window.removeEventListener("keydown", this.onKey);
  },
};
import { toDisplayString as _toDisplayString, createElementVNode as _createElementVNode, renderSlot as _renderSlot, withModifiers as _withModifiers, openBlock as _openBlock, createElementBlock as _createElementBlock } from "vue"

const _hoisted_1 = ["aria-label"]
const _hoisted_2 = { class: "modal-body" }

function render(_ctx, _cache, $props, $setup, $data, $options) {
  return (_openBlock(), _createElementBlock("div", {
    class: "modal-backdrop",
    onClick: _cache[1] || (_cache[1] = _withModifiers($event => (_ctx.$emit('close')), ["self"]))
  }, [
    _createElementVNode("section", {
      class: "modal",
      role: "dialog",
      "aria-label": $props.title
    }, [
      _createElementVNode("header", null, [
        _createElementVNode("h3", null, _toDisplayString($props.title), 1 /* TEXT */),
        _createElementVNode("button", {
          class: "icon",
          onClick: _cache[0] || (_cache[0] = $event => (_ctx.$emit('close'))),
          "aria-label": "关闭"
        }, "✕")
      ]),
      _createElementVNode("div", _hoisted_2, [
        _renderSlot(_ctx.$slots, "default")
      ])
    ], 8 /* PROPS */, _hoisted_1)
  ]))
}
_sfc_main.render = render;
export default _sfc_main;
