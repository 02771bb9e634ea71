/* Small pieces every screen uses: avatars, dialogs, tabs, charts, "load more". */
"use strict";

RW.components = {};

RW.components["rw-avatar"] = {
  props: { src: String, size: { type: Number, default: 36 } },
  computed: {
    url() {
      return RW.media(this.src) || "/statics/imgs/setAvator.jpg";
    },
  },
  template: `<img class="avatar" :src="url" :style="{width: size + 'px', height: size + 'px'}" alt=""
    referrerpolicy="no-referrer" loading="lazy">`,
};

RW.components["rw-modal"] = {
  props: { title: String },
  emits: ["close"],
  mounted() {
    this.onKey = (event) => event.key === "Escape" && this.$emit("close");
    window.addEventListener("keydown", this.onKey);
  },
  unmounted() {
    window.removeEventListener("keydown", this.onKey);
  },
  template: `<div class="modal-backdrop" @click.self="$emit('close')">
    <section class="modal" role="dialog" :aria-label="title">
      <header><h3>{{ title }}</h3><button class="icon" @click="$emit('close')" aria-label="关闭">✕</button></header>
      <div class="modal-body"><slot></slot></div>
    </section></div>`,
};

RW.components["rw-tabs"] = {
  props: { tabs: Array, modelValue: [String, Number] },
  emits: ["update:modelValue"],
  template: `<nav class="tabs"><button v-for="tab in tabs" :key="tab[0]" :class="{active: tab[0] === modelValue}"
    @click="$emit('update:modelValue', tab[0])">{{ tab[1] }}</button></nav>`,
};

RW.components["rw-empty"] = {
  props: { text: { type: String, default: "暂无数据" } },
  template: `<p class="empty">{{ text }}</p>`,
};

RW.components["rw-more"] = {
  props: { shown: Number, total: Number, loading: Boolean },
  emits: ["more"],
  template: `<div class="more" v-if="shown < total">
    <button :disabled="loading" @click="$emit('more')">{{ loading ? '加载中…' : '加载更多 (' + shown + '/' + total + ')' }}</button></div>`,
};

// An ECharts chart for an option object; emits the clicked item's data.
RW.components["rw-chart"] = {
  props: { option: Object, height: { type: String, default: "280px" } },
  emits: ["pick"],
  data: () => ({ failed: "" }),
  async mounted() {
    try {
      const echarts = await RW.echarts();
      if (!this.$refs.box) return;
      this.chart = echarts.init(this.$refs.box);
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
      if (this.chart && this.option) this.chart.setOption(this.option, true);
    },
  },
  template: `<div class="chart"><p v-if="failed" class="error-text">{{ failed }}</p>
    <div ref="box" :style="{height}"></div></div>`,
};

// A paged list: rows, total and "load more", for any route answering {ret_data, data_count}.
RW.pagedList = (path, query = () => ({}), length = 20) => ({
  rows: [], total: 0, page: 0, loading: false,
  async load(reset = true) {
    if (reset) this.page = 0;
    this.loading = true;
    try {
      const data = await RW.get(path, { ...query(), current_page: this.page + 1, length });
      this.rows = reset ? data.ret_data : [...this.rows, ...data.ret_data];
      this.total = data.data_count;
      this.page += 1;
    } finally {
      this.loading = false;
    }
  },
});
