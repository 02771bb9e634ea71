/* Compiled from more.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: 9ebd9694396baffc5fa06575ab9ad27cd6b9e7fdd7e5886aa81423cae172fb79 */
// "Load more" under a paged list, while it has more rows than it shows.
const _sfc_main = {
  props: { shown: Number, total: Number, loading: Boolean },
  emits: ["more"],
};
import { toDisplayString as _toDisplayString, createElementVNode as _createElementVNode, openBlock as _openBlock, createElementBlock as _createElementBlock, createCommentVNode as _createCommentVNode } from "vue"

const _hoisted_1 = {
  key: 0,
  class: "more"
}
const _hoisted_2 = ["disabled"]

function render(_ctx, _cache, $props, $setup, $data, $options) {
  return ($props.shown < $props.total)
    ? (_openBlock(), _createElementBlock("div", _hoisted_1, [
        _createElementVNode("button", {
          disabled: $props.loading,
          onClick: _cache[0] || (_cache[0] = $event => (_ctx.$emit('more')))
        }, _toDisplayString($props.loading ? '加载中…' : '加载更多 (' + $props.shown + '/' + $props.total + ')'), 9 /* TEXT, PROPS */, _hoisted_2)
      ]))
    : _createCommentVNode("v-if", true)
}
_sfc_main.render = render;
export default _sfc_main;
