/* Boss 雷达 (admins and Bosses): the company's numbers (累计, 昨日, 近7天, 近30天), the daily lines,
   the shares of what customers look at, and the three rankings with the customers behind each. */
"use strict";

const B = "/zhugeleida/boosleida/home_page";
const METRICS = [
  ["customer_num", "客户总数"], ["browse_num", "浏览名片"], ["follow_num", "跟进次数"], ["comm_num_of_customer", "沟通客户"],
  ["forward_num", "转发名片"], ["saved_total_num", "保存电话"], ["praise_num", "靠谱"], ["query_product_num", "咨询产品"],
  ["view_website_num", "查看官网"],
];
const PERIODS = [["count_data", "累计"], ["yesterday_data", "昨日"], ["nearly_seven_days", "近7天"], ["nearly_thirty_days", "近30天"]];
const LINES = [["index_type_1", "新增客户"], ["index_type_2", "主动咨询的客户"], ["index_type_3", "跟进的客户"], ["index_type_4", "活跃的客户"]];
const WINDOWS = [["nearly_seven_days", "近7天"], ["nearly_fifteen_days", "近15天"], ["nearly_thirty_days", "近30天"]];
const INTERACTIONS = { praise_num: "靠谱", query_product_num: "咨询产品", forward_mingpian_num: "转发名片",
                       call_phone_num: "拨打电话", saved_phone_num: "保存电话" };
const VIEWS = { view_mingpian: "名片", view_product_num: "产品", view_website_num: "官网" };
const RANKING_PERIODS = [["total_num_have_customer", "全部", 0], ["yesterday_new_customer", "昨日", 1],
  ["nearly_seven_new_customer", "近7天", 7], ["nearly_fifteen_new_customer", "近15天", 15], ["nearly_thirty_new_customer", "近30天", 30]];
const HUDONG_PERIODS = [["yesterday_data", "昨日", 1], ["nearly_seven_data", "近7天", 7], ["nearly_fifteen_data", "近15天", 15],
  ["nearly_thirty_data", "近30天", 30]];
const FORECASTS = [["1_50_pr", "1–50%"], ["51_80_pr", "51–80%"], ["81_99_pr", "81–99%"], ["100_pr", "100%"]];

RW.views.boss = {
  data: () => ({
    overview: null, lines: null, line: "index_type_1", window: "nearly_seven_days", ranking: null, rankingPeriod: 0,
    hudong: null, hudongKind: "follow_num", hudongPeriod: 1, forecast: null, drill: null,
    metrics: METRICS, periods: PERIODS, lineNames: LINES, windows: WINDOWS, rankingPeriods: RANKING_PERIODS,
    hudongPeriods: HUDONG_PERIODS, forecasts: FORECASTS,
  }),
  created() {
    this.load();
  },
  computed: {
    series() {
      if (!this.lines) return [];
      const line = this.lines[this.line];
      return line[this.window] || line.nearly_fifteen_days;
    },
    lineOption() {
      return {
        grid: { left: 40, right: 16, top: 24, bottom: 40 }, tooltip: { trigger: "axis" },
        xAxis: { type: "category", data: this.series.map((point) => point.statics_date.slice(5)) },
        yAxis: { type: "value", minInterval: 1 },
        series: [{ type: "line", smooth: true, areaStyle: { opacity: 0.15 }, data: this.series.map((point) => point.value) }],
      };
    },
    interactionOption() {
      const values = this.lines ? this.lines.index_type_5 : {};
      return {
        grid: { left: 70, right: 24, top: 10, bottom: 24 }, tooltip: {},
        xAxis: { type: "value", minInterval: 1 }, yAxis: { type: "category", data: Object.values(INTERACTIONS) },
        series: [{ type: "bar", data: Object.keys(INTERACTIONS).map((key) => values[key] || 0), itemStyle: { color: "#13a8a8" } }],
      };
    },
    viewOption() {
      const shares = this.lines ? this.lines.index_type_6 : {};
      return {
        tooltip: { formatter: "{b}: {c}%" }, legend: { bottom: 0 },
        series: [{ type: "pie", radius: ["40%", "68%"], data: Object.entries(VIEWS).map(([key, name]) => ({ name, value: Number(shares[key] || 0) })) }],
      };
    },
    rankingRows() {
      if (!this.ranking) return [];
      return this.ranking[RANKING_PERIODS.find((period) => period[2] === this.rankingPeriod)[0]];
    },
    hudongRows() {
      if (!this.hudong) return [];
      const rows = this.hudong[this.hudongKind][HUDONG_PERIODS.find((period) => period[2] === this.hudongPeriod)[0]];
      return rows.map((row) => ({
        user_id: row.user_customer_flowup__user_id || row.userprofile_id,
        name: row.user_customer_flowup__user__username || row.userprofile__username,
        avatar: row.user_customer_flowup__user__avatar || row.userprofile__avatar,
        count: row.have_customer_num,
      }));
    },
  },
  methods: {
    async load() {
      await RW.attempt(async () => {
        const [overview, lines, ranking, hudong, forecast] = await Promise.all([
          RW.get(`${B}/acount_data`), RW.get(`${B}/line_info`), RW.get(`${B}/sales_ranking_customer_num`),
          RW.get(`${B}/hudong_pinlv_customer_num`), RW.get(`${B}/expect_chengjiaolv_customer_num`),
        ]);
        this.overview = overview.ret_data;
        this.lines = lines.ret_data;
        this.ranking = ranking.ret_data;
        this.hudong = hudong.ret_data;
        this.forecast = forecast.ret_data;
      });
    },
    async open(title, path, body) {
      await RW.attempt(async () => {
        const data = await RW.post(`${B}/${path}`, body, { length: 50 });
        this.drill = { title, rows: data.ret_data, count: data.count === undefined ? data.ret_data.length : data.count };
      });
    },
    byPeople(row) {
      const period = RANKING_PERIODS.find((item) => item[2] === this.rankingPeriod);
      this.open(`${row.user__username} · ${period[1]}的客户`, "query_have_customer_detail_people",
                { query_user_id: row.user_id, days: this.rankingPeriod });
    },
    byInteraction(row) {
      const period = HUDONG_PERIODS.find((item) => item[2] === this.hudongPeriod);
      this.open(`${row.name} · ${period[1]}${this.hudongKind === "follow_num" ? "跟进" : "咨询"}的客户`,
                "query_hudong_have_customer_detail_people",
                { type: this.hudongKind === "follow_num" ? "follow" : "chat", query_user_id: row.user_id, days: this.hudongPeriod });
    },
    byForecast(bucket, row) {
      this.open(`${row.user__username} · 预计成交率 ${FORECASTS.find((item) => item[0] === bucket)[1]}`,
                "query_have_customer_detail_people", { query_user_id: row.user_id, expedted_pr: bucket });
    },
  },
  template: `<section class="view boss">
    <header class="view-head"><h2>Boss 雷达</h2><button @click="load">刷新</button></header>
    <div v-if="overview" class="card">
      <table class="table overview" id="boss-overview"><thead><tr><th></th><th v-for="[key, name] in periods" :key="key">{{ name }}</th></tr></thead>
        <tbody><tr v-for="[metric, name] in metrics" :key="metric" :data-metric="metric"><th>{{ name }}</th>
          <td v-for="[key] in periods" :key="key" :data-period="key">{{ overview[key][metric] }}</td></tr></tbody></table>
    </div>
    <div class="grid" v-if="lines">
      <section class="card wide">
        <h3>趋势</h3>
        <div class="filters"><select v-model="line" aria-label="指标"><option v-for="[key, name] in lineNames" :key="key" :value="key">{{ name }}</option></select>
          <select v-model="window" aria-label="时间" :disabled="line === 'index_type_4'"><option v-for="[key, name] in windows" :key="key" :value="key">{{ name }}</option></select></div>
        <rw-chart :option="lineOption" height="260px"></rw-chart>
      </section>
      <section class="card"><h3>互动</h3><rw-chart :option="interactionOption" height="220px"></rw-chart></section>
      <section class="card"><h3>客户在看什么</h3><rw-chart :option="viewOption" height="220px"></rw-chart></section>
    </div>
    <div class="grid" v-if="ranking">
      <section class="card">
        <h3>客户人数排行</h3>
        <rw-tabs :tabs="rankingPeriods.map(([, name, days]) => [days, name])" v-model="rankingPeriod"></rw-tabs>
        <ol class="ranking" id="boss-ranking"><li v-for="row in rankingRows" :key="row.user_id" @click="byPeople(row)">
          <rw-avatar :src="row.user__avatar" :size="28"></rw-avatar><span class="grow">{{ row.user__username }}</span><b>{{ row.have_customer_num }}</b></li></ol>
        <rw-empty v-if="!rankingRows.length"></rw-empty>
      </section>
      <section class="card">
        <h3>互动频率排行</h3>
        <rw-tabs :tabs="[['follow_num', '跟进'], ['consult_num', '咨询']]" v-model="hudongKind"></rw-tabs>
        <rw-tabs :tabs="hudongPeriods.map(([, name, days]) => [days, name])" v-model="hudongPeriod"></rw-tabs>
        <ol class="ranking"><li v-for="row in hudongRows" :key="row.user_id" @click="byInteraction(row)">
          <rw-avatar :src="row.avatar" :size="28"></rw-avatar><span class="grow">{{ row.name }}</span><b>{{ row.count }}</b></li></ol>
        <rw-empty v-if="!hudongRows.length"></rw-empty>
      </section>
      <section class="card">
        <h3>预计成交率</h3>
        <div v-for="[bucket, name] in forecasts" :key="bucket"><h4>{{ name }}</h4>
          <ol class="ranking"><li v-for="row in forecast[bucket]" :key="row.user_id" @click="byForecast(bucket, row)">
            <rw-avatar :src="row.user__avatar" :size="28"></rw-avatar><span class="grow">{{ row.user__username }}</span><b>{{ row.have_customer_num }}</b></li></ol>
          <p class="muted small" v-if="!forecast[bucket].length">暂无</p></div>
      </section>
    </div>
    <rw-modal v-if="drill" :title="drill.title" @close="drill = null">
      <p class="muted">{{ drill.count }} 位客户</p>
      <ul class="list" id="boss-drill"><li v-for="row in drill.rows" :key="row.customer_id">
        <rw-avatar :src="row.headimgurl"></rw-avatar><div class="grow"><b>{{ row.customer_username }}</b>
          <p class="muted small">{{ row.customer_status }}<span v-if="row.expedted_pr"> · 预计成交率 {{ row.expedted_pr }}%</span></p></div></li></ul>
      <rw-empty v-if="!drill.rows.length"></rw-empty>
    </rw-modal>
  </section>`,
};
