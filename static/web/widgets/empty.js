/* Compiled from empty.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: dc0770346cd5c86d367862eb183be636d90128bad6a1f2fb3d938a72e105cc6a */
const _sfc_main = {
  props: { text: { type: String, default: "暂无数据" } },
};
import { toDisplayString as _toDisplayString, openBlock as _openBlock, createElementBlock as _createElementBlock } from "vue"

const _hoisted_1 = { class: "empty" }

function render(_ctx, _cache, $props, $setup, $data, $options) {
  return (_openBlock(), _createElementBlock("p", _hoisted_1, _toDisplayString($props.text), 1 /* TEXT */))
}
_sfc_main.render = render;
export default _sfc_main;
