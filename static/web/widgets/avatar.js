/* Compiled from avatar.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: 367834820ba9f52fafea410e2b1dd2ee4b5d31756a154769c8fb2c6cb8225ca1 */
import { media } from "../format.js";

const _sfc_main = {
  props: { src: String, size: { type: Number, default: 36 } },
  computed: {
    url() {
      return media(this.src) || "/statics/imgs/setAvator.jpg";
    },
  },
};
import { normalizeStyle as _normalizeStyle, openBlock as _openBlock, createElementBlock as _createElementBlock } from "vue"

const _hoisted_1 = ["src"]

function render(_ctx, _cache, $props, $setup, $data, $options) {
  return (_openBlock(), _createElementBlock("img", {
    class: "avatar",
    src: $options.url,
    style: _normalizeStyle({width: $props.size + 'px', height: $props.size + 'px'}),
    alt: "",
    referrerpolicy: "no-referrer",
    loading: "lazy"
  }, null, 12 /* STYLE, PROPS */, _hoisted_1))
}
_sfc_main.render = render;
export default _sfc_main;
