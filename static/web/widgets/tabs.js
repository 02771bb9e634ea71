/* Compiled from tabs.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: 0bcff38ef13b1ddf88c8db5c70ec30d77c0037a22e3822c385098dc4486e3d6d */
const _sfc_main = {
  props: { tabs: Array, modelValue: [String, Number] },
  emits: ["update:modelValue"],
};
import { renderList as _renderList, Fragment as _Fragment, openBlock as _openBlock, createElementBlock as _createElementBlock, toDisplayString as _toDisplayString, normalizeClass as _normalizeClass } from "vue"

const _hoisted_1 = { class: "tabs" }
const _hoisted_2 = ["onClick"]

function render(_ctx, _cache, $props, $setup, $data, $options) {
  return (_openBlock(), _createElementBlock("nav", _hoisted_1, [
    (_openBlock(true), _createElementBlock(_Fragment, null, _renderList($props.tabs, (tab) => {
      return (_openBlock(), _createElementBlock("button", {
        key: tab[0],
        class: _normalizeClass({active: tab[0] === $props.modelValue}),
        onClick: $event => (_ctx.$emit('update:modelValue', tab[0]))
      }, _toDisplayString(tab[1]), 11 /* TEXT, CLASS, PROPS */, _hoisted_2))
    }), 128 /* KEYED_FRAGMENT */))
  ]))
}
_sfc_main.render = render;
export default _sfc_main;
