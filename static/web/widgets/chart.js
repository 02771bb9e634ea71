/* Compiled from chart.vue by scripts/vendor-web with @vue/compiler-sfc 3.5.45; do not edit.
   source-sha256: 7074839504feae24fa7ec27cc4d8780e7f202acbd0c54c9a16a9903d9326e80c */
// An ECharts chart for an option object; emits the clicked item's data.
import { loadECharts, textTooltips } from "../charts.js";

const _sfc_main = {
  props: { option: Object, height: { type: String, default: "280px" } },
  emits: ["pick"],
  data: () => ({ failed: "" }),
  async mounted() {
    try {
      this.echarts = await loadECharts();
      if (!this.$refs.box) return;
      this.chart = this.echarts.init(this.$refs.box);
      this.chart.on("click", (event) => this.$emit("pick", event.data));
      this.draw();
      this.onResize = () => this.chart && this.chart.resize();
      window.addEventListener("resize", this.onResize);
    } catch (error) {
      this.failed = error.message;
    }
  },
  unmounted() {
    window.removeEventListener("resize", this.onResize);
    if (this.chart) this.chart.dispose();
    this.chart = null;
  },
  watch: {
    option: { deep: true, handler() { this.draw(); } },
  },
  methods: {
    draw() {
      if (this.chart && this.option) this.chart.setOption(textTooltips(this.option, this.echarts.format.encodeHTML), true);
    },
  },
};
import { toDisplayString as _toDisplayString, openBlock as _openBlock, createElementBlock as _createElementBlock, createCommentVNode as _createCommentVNode, normalizeStyle as _normalizeStyle, createElementVNode as _createElementVNode } from "vue"

const _hoisted_1 = { class: "chart" }
const _hoisted_2 = {
  key: 0,
  class: "error-text"
}

function render(_ctx, _cache, $props, $setup, $data, $options) {
  return (_openBlock(), _createElementBlock("div", _hoisted_1, [
    (_ctx.failed)
      ? (_openBlock(), _createElementBlock("p", _hoisted_2, _toDisplayString(_ctx.failed), 1 /* TEXT */))
      : _createCommentVNode("v-if", true),
    _createElementVNode("div", {
      ref: "box",
      style: _normalizeStyle({height: $props.height})
    }, null, 4 /* STYLE */)
  ]))
}
_sfc_main.render = render;
export default _sfc_main;
