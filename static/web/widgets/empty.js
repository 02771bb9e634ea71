/* Compiled from empty.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: bab566183c46efc8c3a91debfce11c075c694bfba8fde8c5b2bb8e9f4b2dc204 */
// An empty list says why, and (in its slot) what to do next.
const _sfc_main = {
  props: { text: { type: String, default: "暂无数据" } },
};
import { toDisplayString as _toDisplayString, createElementVNode as _createElementVNode, renderSlot as _renderSlot, openBlock as _openBlock, createElementBlock as _createElementBlock, createCommentVNode as _createCommentVNode } from "vue"

const _hoisted_1 = { class: "empty" }
const _hoisted_2 = {
  key: 0,
  class: "next"
}

function render(_ctx, _cache, $props, $setup, $data, $options) {
  return (_openBlock(), _createElementBlock("div", _hoisted_1, [
    _createElementVNode("p", null, _toDisplayString($props.text), 1 /* TEXT */),
    (_ctx.$slots.default)
      ? (_openBlock(), _createElementBlock("div", _hoisted_2, [
          _renderSlot(_ctx.$slots, "default")
        ]))
      : _createCommentVNode("v-if", true)
  ]))
}
_sfc_main.render = render;
export default _sfc_main;
