/* Compiled from field.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: 94a30078f2a9227dc336ac1d1323516d97ab84caef22b79c2afc67e31e49f35d */
/* A labelled form field, its input in the slot. When the server names this field in an error, it is
   outlined in red with the words under it, and focused; typing clears it. The form's problems
   (fields.js) come from the screen that shows the form (provide). */
import { sentence } from "../fields.js";

const _sfc_main = {
  props: { label: String, name: String },
  inject: { problems: { default: null } },
  computed: {
    said() {
      return this.problems ? this.problems.said[this.name] : "";
    },
  },
  created() {
    if (this.problems) this.problems.shown.push(this.name);
  },
  unmounted() {
    if (this.problems) this.problems.shown.splice(this.problems.shown.indexOf(this.name), 1);
  },
  watch: {
    said(words) {
      if (words) this.$nextTick(() => this.$el.querySelector("input, select, textarea").focus());
    },
  },
  methods: {
    clear() {
      if (this.said) delete this.problems.said[this.name];
    },
    sentence,
  },
};
import { toDisplayString as _toDisplayString, renderSlot as _renderSlot, openBlock as _openBlock, createElementBlock as _createElementBlock, createCommentVNode as _createCommentVNode, createTextVNode as _createTextVNode, normalizeClass as _normalizeClass } from "vue"

const _hoisted_1 = ["data-field"]
const _hoisted_2 = {
  key: 0,
  class: "field-error",
  role: "alert"
}

function render(_ctx, _cache, $props, $setup, $data, $options) {
  return (_openBlock(), _createElementBlock("label", {
    class: _normalizeClass(["field", {invalid: $options.said}]),
    "data-field": $props.name,
    onInput: _cache[0] || (_cache[0] = (...args) => ($options.clear && $options.clear(...args))),
    onChange: _cache[1] || (_cache[1] = (...args) => ($options.clear && $options.clear(...args)))
  }, [
    _createTextVNode(_toDisplayString($props.label), 1 /* TEXT */),
    _renderSlot(_ctx.$slots, "default"),
    ($options.said)
      ? (_openBlock(), _createElementBlock("small", _hoisted_2, _toDisplayString($options.sentence($props.label, $options.said, $props.name)), 1 /* TEXT */))
      : _createCommentVNode("v-if", true)
  ], 42 /* CLASS, PROPS, NEED_HYDRATION */, _hoisted_1))
}
_sfc_main.render = render;
export default _sfc_main;
